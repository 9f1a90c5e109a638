package org.mailferry.migrate.importers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the independent tools the importer tests take their inputs from (mkpasswd, htpasswd, openssl, python3…). */
final class Tools {
    private Tools() {
    }

    /** Runs a command, returns its standard output without the final line end; fails on a non-zero exit. */
    static String run(String... command) throws IOException, InterruptedException {
        return runWithInput(null, command);
    }

    static String runWithInput(String stdin, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(List.of(command) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(List.of(command) + " exited " + p.exitValue() + ": " + err + out);
        }
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    /** The hash part of {@code htpasswd FLAGS user password}'s "user:hash" line. */
    static String htpasswd(String flags, String password) throws IOException, InterruptedException {
        String line = run("htpasswd", flags, "u", password).strip();
        return line.substring(line.indexOf(':') + 1);
    }

    /** {@code {SSHA}} as OpenLDAP writes it, made here with a random 8-byte salt (slappasswd where installed). */
    static String ssha(String password) throws IOException, InterruptedException {
        if (new java.io.File("/usr/sbin/slappasswd").canExecute()) {
            return run("/usr/sbin/slappasswd", "-h", "{SSHA}", "-s", password);
        }
        try {
            byte[] salt = new byte[8];
            new java.security.SecureRandom().nextBytes(salt);
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            sha.update(salt);
            byte[] d = sha.digest();
            byte[] all = new byte[d.length + salt.length];
            System.arraycopy(d, 0, all, 0, d.length);
            System.arraycopy(salt, 0, all, d.length, salt.length);
            return "{SSHA}" + Base64.getEncoder().encodeToString(all);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads {@code json} with Python's json module as {@code d} and prints the expression's values. */
    static String pythonJson(String json, String expression) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c",
                "import json,sys; d=json.load(sys.stdin); print(*(" + expression + ",))"));
        return runWithInput(json, cmd.toArray(String[]::new));
    }
}
