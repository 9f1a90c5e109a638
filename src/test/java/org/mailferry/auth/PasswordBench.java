package org.mailferry.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.mailferry.auth.scheme.HashPolicy;

/**
 * bench/passwords: password verifications per second per scheme, Mailferry (Java: commons-codec, Bouncy Castle,
 * libcrypt through FFM) against C implementations driven from Python in the same run (libxcrypt's crypt(3),
 * hashlib/OpenSSL, libargon2 through ctypes), on the same stored hashes. Not a unit test: run by bench/passwords.
 *
 * <p>Usage: {@code PasswordBench [SECONDS_PER_CASE]} (default 3), after a warm-up of up to 1 s per case. Prints a
 * Markdown table.
 */
public final class PasswordBench {
    private static final String PW = "correct horse battery staple";

    private PasswordBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        int threads = Runtime.getRuntime().availableProcessors();
        Map<String, String> cases = new LinkedHashMap<>();
        HashPolicy d = HashPolicy.DEFAULT;
        cases.put("clear", Passwords.encode("clear", PW));
        cases.put("A-crpt (argon2id m=19456,t=2,p=1)", Passwords.encode("A-crpt", PW, d));
        cases.put("ARGON2ID (m=65536,t=3,p=1, Dovecot's)", Passwords.encode("ARGON2ID", PW,
                new HashPolicy(65536, 3, 1, 4096, 10, 5000)));
        cases.put("BLF-CRYPT (cost 10)", Passwords.encode("BLF-CRYPT", PW, d));
        cases.put("BLF-CRYPT (cost 5, Dovecot's)", Passwords.encode("BLF-CRYPT", PW,
                new HashPolicy(19456, 2, 1, 4096, 5, 5000)));
        cases.put("YESCRYPT (libcrypt default)", Passwords.encode("YESCRYPT", PW, d));
        cases.put("SHA512-CRYPT (5000)", Passwords.encode("SHA512-CRYPT", PW, d));
        cases.put("SHA256-CRYPT (5000)", Passwords.encode("SHA256-CRYPT", PW, d));
        cases.put("MD5-CRYPT", Passwords.encode("MD5-CRYPT", PW, d));
        cases.put("APR1-MD5", Passwords.encode("APR1-MD5", PW, d));
        cases.put("DES-CRYPT", "\002" + org.apache.commons.codec.digest.UnixCrypt.crypt(PW, "ab"));
        cases.put("SCRAM-SHA-256 (4096)", Passwords.encode("SCRAM-SHA-256", PW, d));
        cases.put("SSHA512", Passwords.encode("SSHA512", PW, d));
        cases.put("SSHA", Passwords.encode("SSHA", PW, d));
        cases.put("SMD5", Passwords.encode("SMD5", PW, d));
        cases.put("PLAIN-MD5", "\002{PLAIN-MD5}" + java.util.HexFormat.of().formatHex(
                org.mailferry.auth.scheme.Secrets.digest("MD5", PW.getBytes(StandardCharsets.UTF_8))));
        cases.put("CRAM-MD5", Passwords.encode("CRAM-MD5", PW, d));

        Map<String, double[]> ours = new LinkedHashMap<>();
        for (var e : cases.entrySet()) {
            rate(e.getValue(), threads, Math.min(1.0, seconds / 2)); // JIT warm-up, discarded
            ours.put(e.getKey(), new double[] {rate(e.getValue(), 1, seconds), rate(e.getValue(), threads, seconds)});
        }
        Map<String, String> peer = peer(cases, seconds);

        System.out.printf("%n%d CPU(s), %s, %.1f s per case, password \"%s\"%n%n", threads,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), seconds, PW);
        System.out.println("| Scheme | Mailferry verif/s, 1 thread | Mailferry verif/s, " + threads
                + " threads | C peer verif/s, 1 thread | C peer |");
        System.out.println("|---|---:|---:|---:|---|");
        for (var e : ours.entrySet()) {
            String[] p = peer.getOrDefault(e.getKey(), "-\t-").split("\t", 2);
            System.out.printf("| %s | %s | %s | %s | %s |%n", e.getKey(), fmt(e.getValue()[0]), fmt(e.getValue()[1]),
                    p[0], p[1]);
        }
    }

    private static String fmt(double r) {
        return r >= 100 ? String.format("%,.0f", r) : String.format("%.1f", r);
    }

    /** Verifications per second of {@code stored} on {@code threads} threads for about {@code seconds}. */
    private static double rate(String stored, int threads, double seconds) throws Exception {
        if (!Passwords.verify(stored, PW) || Passwords.verify(stored, "x" + PW)) {
            throw new IllegalStateException("bench case does not verify");
        }
        LongAdder count = new LongAdder();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    do {
                        Passwords.verify(stored, PW);
                        count.increment();
                    } while (System.nanoTime() < end);
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        return count.sum() / ((System.nanoTime() - start) / 1e9);
    }

    /** Runs bench/passwords-peer.py on the same hashes; returns case → "rate\tpeer name". */
    private static Map<String, String> peer(Map<String, String> cases, double seconds)
            throws IOException, InterruptedException {
        Path input = Files.createTempFile("passwords-bench", ".tsv");
        try {
            StringBuilder sb = new StringBuilder();
            cases.forEach((name, stored) -> sb.append(name).append('\t').append(stored.replace("\002", ""))
                    .append('\n'));
            Files.writeString(input, sb);
            Process p = new ProcessBuilder("python3", "-W", "ignore", "bench/passwords-peer.py", input.toString(),
                    PW, Double.toString(seconds)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                if (f.length == 3) {
                    out.put(f[0], f[1] + "\t" + f[2]);
                }
            }
            p.waitFor(10, TimeUnit.MINUTES);
            return out;
        } finally {
            Files.deleteIfExists(input);
        }
    }
}
