package org.mailferry.store;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable set of message flags: system flags plus keywords (RFC 3501 §2.3.2). Keywords compare
 * case-insensitively and keep the spelling first given; a keyword must be an IMAP atom (no space,
 * parentheses, braces, quotes, backslash, '%', '*', ']' or control characters, at most 100 bytes).
 */
public record Flags(Set<Flag> system, Set<String> keywords) {
    public static final int MAX_KEYWORD_LENGTH = 100;
    public static final Flags NONE = new Flags(EnumSet.noneOf(Flag.class), Set.of());

    public Flags {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(system);
        system = Collections.unmodifiableSet(s);
        TreeSet<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String kw : keywords) {
            if (!isValidKeyword(kw)) {
                throw new IllegalArgumentException("not a valid keyword: " + kw);
            }
            k.add(kw);
        }
        keywords = Collections.unmodifiableSet(k);
    }

    public static Flags of(Flag... flags) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        Collections.addAll(s, flags);
        return new Flags(s, Set.of());
    }

    public static Flags of(Collection<Flag> flags, Collection<String> keywords) {
        return new Flags(flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags), Set.copyOf(keywords));
    }

    /** System flags as a bit set ({@link Flag#bit()}). */
    public int systemBits() {
        int bits = 0;
        for (Flag f : system) {
            bits |= f.bit();
        }
        return bits;
    }

    public static Set<Flag> fromBits(int bits) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        for (Flag f : Flag.values()) {
            if ((bits & f.bit()) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    public boolean has(Flag f) {
        return system.contains(f);
    }

    public boolean hasKeyword(String kw) {
        return keywords.contains(kw);
    }

    public Flags with(Flags other) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(system);
        s.addAll(other.system);
        TreeSet<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        k.addAll(keywords);
        k.addAll(other.keywords);
        return new Flags(s, k);
    }

    public Flags without(Flags other) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(system);
        s.removeAll(other.system);
        TreeSet<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        k.addAll(keywords);
        k.removeAll(other.keywords);
        return new Flags(s, k);
    }

    /** Applies a STORE operation. */
    public Flags apply(FlagOp op, Flags operand) {
        return switch (op) {
            case ADD -> with(operand);
            case REMOVE -> without(operand);
            case REPLACE -> operand;
        };
    }

    /** True when {@code kw} is an IMAP atom that may be used as a keyword. */
    public static boolean isValidKeyword(String kw) {
        if (kw == null || kw.isEmpty() || kw.length() > MAX_KEYWORD_LENGTH || kw.charAt(0) == '\\') {
            return false;
        }
        for (int i = 0; i < kw.length(); i++) {
            char c = kw.charAt(i);
            if (c <= ' ' || c >= 0x7f || "(){\"\\%*]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Same flags, comparing keywords case-insensitively. */
    public boolean sameAs(Flags o) {
        return system.equals(o.system) && keywords.size() == o.keywords.size() && keywords.containsAll(o.keywords);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (Flag f : system) {
            sb.append(sb.length() > 1 ? " " : "").append(f.imapName());
        }
        for (String k : keywords) {
            sb.append(sb.length() > 1 ? " " : "").append(k);
        }
        return sb.append(')').toString();
    }
}
