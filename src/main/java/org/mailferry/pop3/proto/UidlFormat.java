package org.mailferry.pop3.proto;

import java.util.ArrayList;
import java.util.List;

/**
 * How the POP3 server names messages in UIDL answers (RFC 1939 §7), in the notation of Dovecot's
 * {@code pop3_uidl_format}, so that a server moved from Dovecot with its UIDVALIDITYs and UIDs kept (the
 * movers' X-MAILFERRY-UIDS) gives POP clients the UIDLs they already know and they download nothing again.
 * Variables: {@code %u} the message UID, {@code %v} the mailbox UIDVALIDITY, in decimal, or with {@code X}
 * before the letter in hexadecimal, lower-case as Dovecot writes it (checked against Dovecot 2.3's UIDL
 * answers; {@code x} is accepted as the same); a width after the {@code %} pads with zeros
 * when it starts with 0 ({@code %08Xu}), {@code %%} is a percent sign; other characters are copied. The
 * default {@code %v.%u} is what this server always used. Dovecot's default is {@code %08Xu%08Xv}. Pure codec.
 */
public final class UidlFormat {
    public static final UidlFormat DEFAULT = parse("%v.%u");

    private sealed interface Part permits Text, Var { }

    private record Text(String text) implements Part { }

    private record Var(boolean uid, int width, char radix) implements Part { }

    private final String source;
    private final List<Part> parts;

    private UidlFormat(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses a format; {@link IllegalArgumentException} names what is wrong. */
    public static UidlFormat parse(String format) {
        if (format == null || format.isEmpty()) throw new IllegalArgumentException("empty UIDL format");
        List<Part> parts = new ArrayList<>();
        boolean hasUid = false;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                if (c < 0x21 || c > 0x7e) throw new IllegalArgumentException("UIDL format " + format + ": character 0x"
                        + Integer.toHexString(c) + " cannot be in a UIDL (RFC 1939: 0x21-0x7E)");
                text.append(c);
                continue;
            }
            int j = i + 1;
            if (j < format.length() && format.charAt(j) == '%') {
                text.append('%');
                i = j;
                continue;
            }
            int w = j;
            while (j < format.length() && Character.isDigit(format.charAt(j))) j++;
            int width = j > w ? Integer.parseInt(format.substring(w, Math.min(j, w + 2))) : 0;
            char radix = 'd';
            if (j < format.length() && (format.charAt(j) == 'X' || format.charAt(j) == 'x')) radix = format.charAt(j++);
            if (j >= format.length() || "uv".indexOf(format.charAt(j)) < 0) {
                throw new IllegalArgumentException("UIDL format " + format + ": at " + (i + 1) + ", only %u (UID) and %v (UIDVALIDITY)"
                        + " are known, with an optional zero-padded width and X for hexadecimal, e.g. %08Xu%08Xv");
            }
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            boolean uid = format.charAt(j) == 'u';
            hasUid |= uid;
            parts.add(new Var(uid, width, radix));
            i = j;
        }
        if (!text.isEmpty()) parts.add(new Text(text.toString()));
        if (!hasUid) throw new IllegalArgumentException("UIDL format " + format + ": needs %u, or every message would have the same UIDL");
        UidlFormat f = new UidlFormat(format, List.copyOf(parts));
        if (f.format(0xFFFFFFFFL, 0xFFFFFFFFL).length() > 70) {
            throw new IllegalArgumentException("UIDL format " + format + ": can be longer than the 70 characters RFC 1939 allows");
        }
        return f;
    }

    /** The UIDL of message {@code uid} in a mailbox with {@code uidValidity}. */
    public String format(long uidValidity, long uid) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            switch (p) {
                case Text t -> sb.append(t.text());
                case Var v -> {
                    long n = v.uid() ? uid : uidValidity;
                    String digits = v.radix() == 'd' ? Long.toString(n) : Long.toHexString(n);
                    for (int k = digits.length(); k < v.width(); k++) sb.append('0');
                    sb.append(digits);
                }
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() { return source; }
}
