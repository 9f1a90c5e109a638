package org.mailferry.pop3.proto;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses one POP3 command line (RFC 1939 §3: a keyword and arguments separated by single spaces; keywords
 * case-insensitive; arguments up to 40 characters, except PASS whose argument is the rest of the line and may
 * contain spaces). Refusals are {@link Pop3Exception}s whose text is the {@code -ERR} reply.
 */
public final class Pop3Parser {
    private static final int MAX_ARG = 255;

    private Pop3Parser() {
    }

    public static Pop3Command parse(byte[] line) throws Pop3Exception {
        String s = new String(line, StandardCharsets.UTF_8);
        int sp = s.indexOf(' ');
        String kw = (sp < 0 ? s : s.substring(0, sp)).toUpperCase(Locale.ROOT);
        String rest = sp < 0 ? null : s.substring(sp + 1);
        if (kw.equals("PASS")) {
            if (rest == null || rest.isEmpty()) {
                throw new Pop3Exception("PASS needs a password");
            }
            return new Pop3Command.Pass(rest);
        }
        String[] args = rest == null ? new String[0] : rest.split(" ", -1);
        for (String a : args) {
            if (a.isEmpty() || a.length() > MAX_ARG) {
                throw new Pop3Exception("Invalid argument");
            }
        }
        return switch (kw) {
            case "USER" -> new Pop3Command.User(one(kw, args));
            case "APOP" -> {
                count(kw, args, 2, 2);
                if (!args[1].matches("[0-9a-fA-F]{32}")) {
                    throw new Pop3Exception("APOP digest must be 32 hex digits");
                }
                yield new Pop3Command.Apop(args[0], args[1].toLowerCase(Locale.ROOT));
            }
            case "AUTH" -> {
                count(kw, args, 0, 2);
                yield new Pop3Command.Auth(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : null,
                        args.length > 1 ? args[1] : null);
            }
            case "CAPA" -> none(kw, args, new Pop3Command.Capa());
            case "STLS" -> none(kw, args, new Pop3Command.Stls());
            case "STAT" -> none(kw, args, new Pop3Command.Stat());
            case "LIST" -> new Pop3Command.ListMessages(optionalNumber(kw, args));
            case "UIDL" -> new Pop3Command.Uidl(optionalNumber(kw, args));
            case "RETR" -> new Pop3Command.Retr(number(one(kw, args)));
            case "DELE" -> new Pop3Command.Dele(number(one(kw, args)));
            case "TOP" -> {
                count(kw, args, 2, 2);
                yield new Pop3Command.Top(number(args[0]), count(args[1]));
            }
            case "RSET" -> none(kw, args, new Pop3Command.Rset());
            case "NOOP" -> none(kw, args, new Pop3Command.Noop());
            case "QUIT" -> none(kw, args, new Pop3Command.Quit());
            default -> throw new Pop3Exception("Unknown command");
        };
    }

    private static void count(String kw, String[] args, int min, int max) throws Pop3Exception {
        if (args.length < min || args.length > max) {
            throw new Pop3Exception(kw + ": wrong number of arguments");
        }
    }

    private static String one(String kw, String[] args) throws Pop3Exception {
        count(kw, args, 1, 1);
        return args[0];
    }

    private static Pop3Command none(String kw, String[] args, Pop3Command c) throws Pop3Exception {
        count(kw, args, 0, 0);
        return c;
    }

    private static long optionalNumber(String kw, String[] args) throws Pop3Exception {
        count(kw, args, 0, 1);
        return args.length == 0 ? -1 : number(args[0]);
    }

    private static long number(String s) throws Pop3Exception {
        long n = count(s);
        if (n == 0) {
            throw new Pop3Exception("Invalid message number");
        }
        return n;
    }

    private static long count(String s) throws Pop3Exception {
        if (!s.matches("\\d{1,9}")) {
            throw new Pop3Exception("Invalid number " + (s.length() > 12 ? s.substring(0, 12) + "..." : s));
        }
        return Long.parseLong(s);
    }
}
