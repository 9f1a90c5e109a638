package org.mailferry.smtp.proto;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one SMTP command line (without its CRLF) into an {@link SmtpCommand}. Pure. Refusals are
 * {@link SmtpException}s with the reply to send: 500 5.5.1 for an unknown command, 501 5.5.2/5.5.4 for bad
 * arguments, 555 5.5.4 for unknown MAIL/RCPT parameters, 553 5.1.3 (5.6.7 for UTF-8) for a bad address.
 *
 * <p>MAIL parameters: SIZE (RFC 1870), BODY=7BIT|8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), RET and ENVID
 * (RFC 3461), AUTH (RFC 4954). RCPT parameters: NOTIFY and ORCPT (RFC 3461).
 */
public final class SmtpParser {
    private SmtpParser() {
    }

    /**
     * @param utf8Transaction whether the current transaction's MAIL carried SMTPUTF8 (for RCPT addresses)
     */
    public static SmtpCommand parse(byte[] line, boolean utf8Transaction) throws SmtpException {
        String s = new String(line, StandardCharsets.UTF_8);
        int sp = s.indexOf(' ');
        String verb = (sp < 0 ? s : s.substring(0, sp)).toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : s.substring(sp + 1);
        try {
            return switch (verb) {
                case "HELO", "EHLO" -> {
                    String d = arg.strip();
                    if (d.isEmpty() || d.contains(" ")) {
                        throw syntax(verb + " needs one domain argument");
                    }
                    yield new SmtpCommand.Helo(d, verb.equals("EHLO"));
                }
                case "MAIL" -> mail(arg);
                case "RCPT" -> rcpt(arg, utf8Transaction);
                case "DATA" -> noArgs(verb, arg, new SmtpCommand.Data());
                case "BDAT" -> bdat(arg);
                case "RSET" -> noArgs(verb, arg, new SmtpCommand.Rset());
                case "QUIT" -> noArgs(verb, arg, new SmtpCommand.Quit());
                case "STARTTLS" -> noArgs(verb, arg, new SmtpCommand.StartTls());
                case "NOOP" -> new SmtpCommand.Noop();
                case "VRFY" -> new SmtpCommand.Vrfy(required(verb, arg));
                case "EXPN" -> new SmtpCommand.Expn(required(verb, arg));
                case "HELP" -> new SmtpCommand.Help(arg.strip());
                case "AUTH" -> {
                    String[] p = arg.strip().split(" ", -1);
                    if (p[0].isEmpty() || p.length > 2) {
                        throw syntax("AUTH needs a mechanism and at most an initial response");
                    }
                    yield new SmtpCommand.Auth(p[0].toUpperCase(Locale.ROOT), p.length == 2 ? p[1] : null);
                }
                default -> throw new SmtpException(500, "5.5.1", "Command unrecognized");
            };
        } catch (IllegalArgumentException e) {
            throw new SmtpException(553, "5.1.3", e.getMessage());
        }
    }

    private static SmtpException syntax(String text) {
        return new SmtpException(501, "5.5.4", text);
    }

    private static SmtpCommand noArgs(String verb, String arg, SmtpCommand c) throws SmtpException {
        if (!arg.isBlank()) {
            throw syntax(verb + " takes no arguments");
        }
        return c;
    }

    private static String required(String verb, String arg) throws SmtpException {
        if (arg.isBlank()) {
            throw syntax(verb + " needs an argument");
        }
        return arg.strip();
    }

    private static SmtpCommand bdat(String arg) throws SmtpException {
        String[] p = arg.strip().split(" +", -1);
        if (p[0].isEmpty() || p.length > 2 || !p[0].matches("\\d{1,18}")
                || (p.length == 2 && !p[1].equalsIgnoreCase("LAST"))) {
            throw syntax("BDAT needs a size and optionally LAST");
        }
        return new SmtpCommand.Bdat(Long.parseLong(p[0]), p.length == 2);
    }

    private static String afterKeyword(String arg, String keyword) throws SmtpException {
        if (!arg.regionMatches(true, 0, keyword, 0, keyword.length())) {
            throw new SmtpException(501, "5.5.2", "Syntax: " + keyword + "<address>");
        }
        String rest = arg.substring(keyword.length());
        return rest.startsWith(" ") ? rest.stripLeading() : rest; // tolerate "MAIL FROM: <a@b>"
    }

    private static SmtpCommand mail(String arg) throws SmtpException {
        String rest = afterKeyword(arg, "FROM:");
        PathParser p = new PathParser(rest, true);
        MailAddress from = p.path(true, false);
        Map<String, String> params = params(rest.substring(p.pos()));
        for (var e : params.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "SIZE" -> {
                    if (v == null || !v.matches("\\d{1,18}")) {
                        throw syntax("SIZE needs a number");
                    }
                }
                case "BODY" -> {
                    if (v == null || !(v.equalsIgnoreCase("7BIT") || v.equalsIgnoreCase("8BITMIME"))) {
                        throw new SmtpException(555, "5.5.4", "BODY must be 7BIT or 8BITMIME");
                    }
                    e.setValue(v.toUpperCase(Locale.ROOT));
                }
                case "SMTPUTF8" -> {
                    if (v != null) {
                        throw syntax("SMTPUTF8 takes no value");
                    }
                }
                case "RET" -> {
                    if (v == null || !(v.equalsIgnoreCase("FULL") || v.equalsIgnoreCase("HDRS"))) {
                        throw syntax("RET must be FULL or HDRS");
                    }
                    e.setValue(v.toUpperCase(Locale.ROOT));
                }
                case "ENVID" -> {
                    if (v == null || v.length() > 100 || !Xtext.valid(v)) {
                        throw syntax("Invalid ENVID");
                    }
                }
                case "AUTH" -> {
                    if (v == null || (!v.equals("<>") && !Xtext.valid(v))) {
                        throw syntax("Invalid AUTH parameter");
                    }
                }
                default -> throw new SmtpException(555, "5.5.4", "Unsupported parameter " + e.getKey());
            }
        }
        if (!params.containsKey("SMTPUTF8") && !ascii(from.address())) {
            throw new SmtpException(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
        }
        return new SmtpCommand.Mail(from, params);
    }

    private static SmtpCommand rcpt(String arg, boolean utf8) throws SmtpException {
        String rest = afterKeyword(arg, "TO:");
        PathParser p = new PathParser(rest, true);
        MailAddress to = p.path(false, true);
        if (!utf8 && !ascii(to.address())) {
            throw new SmtpException(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
        }
        Map<String, String> params = params(rest.substring(p.pos()));
        for (var e : params.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "NOTIFY" -> {
                    if (v == null) {
                        throw syntax("NOTIFY needs a value");
                    }
                    String u = v.toUpperCase(Locale.ROOT);
                    boolean ok = u.equals("NEVER");
                    if (!ok) {
                        ok = true;
                        for (String n : u.split(",", -1)) {
                            ok &= n.equals("SUCCESS") || n.equals("FAILURE") || n.equals("DELAY");
                        }
                    }
                    if (!ok) {
                        throw syntax("NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY");
                    }
                    e.setValue(u);
                }
                case "ORCPT" -> {
                    int semi = v == null ? -1 : v.indexOf(';');
                    if (semi <= 0 || v.length() > 500 || !Xtext.valid(v.substring(semi + 1))) {
                        throw syntax("ORCPT must be addr-type;xtext");
                    }
                }
                default -> throw new SmtpException(555, "5.5.4", "Unsupported parameter " + e.getKey());
            }
        }
        return new SmtpCommand.Rcpt(to, params);
    }

    private static Map<String, String> params(String s) throws SmtpException {
        Map<String, String> out = new LinkedHashMap<>();
        String t = s.strip();
        if (t.isEmpty()) {
            return out;
        }
        if (!s.startsWith(" ")) {
            throw syntax("Expected a space after the address");
        }
        for (String p : t.split(" +")) {
            int eq = p.indexOf('=');
            String k = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            String v = eq < 0 ? null : p.substring(eq + 1);
            if (k.isEmpty() || !k.matches("[A-Z0-9][A-Z0-9-]*")) {
                throw syntax("Invalid parameter " + p);
            }
            if (out.containsKey(k)) {
                throw syntax("Duplicate parameter " + k);
            }
            if (out.size() >= 10) {
                throw syntax("Too many parameters");
            }
            out.put(k, v);
        }
        return out;
    }

    static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
