package org.mailferry.net.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the movers' OAuth 2.0 access tokens come from (OAUTHBEARER, XOAUTH2), asked at every login so that a long
 * move outlives a token's hour:
 * <ul>
 *   <li>{@link #file(Path)}: a file holding the token, written by the admin's own helper;</li>
 *   <li>{@link #refresh(Path)}: the refresh-token grant of RFC 6749 §6, from a properties file naming the
 *       provider's token endpoint ({@code token_url}), {@code client_id}, optionally {@code client_secret} and
 *       {@code scope}, and the {@code refresh_token}. An access token is kept until a minute before it expires.
 *       A provider that answers with a new refresh token (rotation) has it written back to the file (temp file,
 *       rename), so the next run still works.</li>
 * </ul>
 * Tokens and secrets appear in no message.
 */
public interface AccessTokens {
    /** The access token to log in with now. */
    String get() throws IOException;

    /** A file with the token, read at each call. */
    static AccessTokens file(Path file) {
        return () -> {
            String t;
            try {
                t = Files.readString(file).strip();
            } catch (NoSuchFileException e) {
                throw new IOException(file + ": no such file", e);
            }
            return checked(t, file.toString());
        };
    }

    /** The refresh-token grant configured in {@code file} (checked now; no request is made before the first login). */
    static AccessTokens refresh(Path file) throws IOException {
        return new Refresh(file, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build(), Clock.systemUTC());
    }

    private static String checked(String token, String where) throws IOException {
        if (token == null || token.isEmpty() || token.length() > 64 * 1024 || token.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            throw new IOException(where + ": not an access token (1 to 65,536 printable ASCII characters)");
        }
        return token;
    }

    /** RFC 6749 §6: refresh_token grant against the provider's token endpoint. */
    final class Refresh implements AccessTokens {
        private final Path file;
        private final HttpClient http;
        private final Clock clock;
        private final Properties config = new Properties();
        private String token;
        private Instant expires = Instant.MIN;

        Refresh(Path file, HttpClient http, Clock clock) throws IOException {
            this.file = file;
            this.http = http;
            this.clock = clock;
            try (InputStream in = Files.newInputStream(file)) {
                config.load(in);
            } catch (NoSuchFileException e) {
                throw new IOException(file + ": no such file", e);
            }
            for (String k : new String[] {"token_url", "client_id", "refresh_token"}) {
                if (config.getProperty(k, "").isBlank()) throw new IOException(file + ": " + k + " is missing");
            }
            URI u;
            try {
                u = URI.create(config.getProperty("token_url").strip());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": token_url is not a URL");
            }
            boolean loopback = u.getHost() != null && (u.getHost().equals("localhost") || isLoopback(u.getHost()));
            if (!"https".equalsIgnoreCase(u.getScheme()) && !("http".equalsIgnoreCase(u.getScheme()) && loopback)) {
                throw new IOException(file + ": token_url must be https (plain http only on this host)");
            }
        }

        private static boolean isLoopback(String host) {
            try {
                return (host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) && InetAddress.getByName(host).isLoopbackAddress();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public synchronized String get() throws IOException {
            if (token != null && clock.instant().isBefore(expires)) return token;
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", config.getProperty("refresh_token").strip());
            form.put("client_id", config.getProperty("client_id").strip());
            if (!config.getProperty("client_secret", "").isBlank()) form.put("client_secret", config.getProperty("client_secret").strip());
            if (!config.getProperty("scope", "").isBlank()) form.put("scope", config.getProperty("scope").strip());
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            HttpRequest req = HttpRequest.newBuilder(URI.create(config.getProperty("token_url").strip())).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            HttpResponse<String> r;
            try {
                r = http.send(req, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("token endpoint: interrupted", e);
            }
            Map<String, Object> answer;
            try {
                answer = FlatJson.parse(r.body().length() > 1024 * 1024 ? "{}" : r.body());
            } catch (IllegalArgumentException e) {
                answer = Map.of();
            }
            if (r.statusCode() != 200 || !(answer.get("access_token") instanceof String t)) {
                Object err = answer.get("error"), desc = answer.get("error_description");
                throw new IOException("the token endpoint refused the refresh token (HTTP " + r.statusCode()
                        + (err == null ? "" : ", " + err) + (desc == null ? "" : ": " + desc) + ")");
            }
            long seconds = answer.get("expires_in") instanceof Number n ? n.longValue()
                    : answer.get("expires_in") instanceof String s && s.matches("[0-9]{1,9}") ? Long.parseLong(s) : 3600;
            token = checked(t, "the token endpoint's access_token");
            expires = clock.instant().plusSeconds(seconds - 60);
            if (answer.get("refresh_token") instanceof String rotated && !rotated.equals(config.getProperty("refresh_token").strip())) {
                config.setProperty("refresh_token", rotated);
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                config.store(bytes, "OAuth 2.0 refresh-token grant for Mailferry's movers; refresh_token rotated by the provider");
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                    try {
                        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file)); // it holds secrets: keep its mode
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system
                    }
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes.toByteArray());
                    while (b.hasRemaining()) ch.write(b);
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return token;
        }
    }
}
