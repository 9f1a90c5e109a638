package org.mailferry.auth.scheme;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * SASLprep (RFC 4013, a profile of stringprep RFC 3454) for user names and passwords in SCRAM (RFC 5802 §5.1):
 * non-ASCII spaces become U+0020, "commonly mapped to nothing" characters are removed, the result is NFKC-normalised,
 * and control, private-use, non-character, surrogate, display-changing and tagging characters are refused, as are
 * strings mixing right-to-left and left-to-right letters.
 *
 * <p>Deliberately not done: the "unassigned code points" check for stored strings (the JDK's Unicode is newer than
 * stringprep's 3.2; we treat every string as a query). {@link #forKeys} falls back to the raw bytes when a password
 * cannot be prepared, as PostgreSQL and others do, so such passwords still work with clients that do the same.
 */
public final class SaslPrep {
    private SaslPrep() {
    }

    /** Prepares {@code s}; throws {@link IllegalArgumentException} naming the offending code point. */
    public static String prepare(String s) {
        StringBuilder mapped = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        String n = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        boolean randAl = false;
        boolean l = false;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            if (isProhibited(cp)) {
                throw new IllegalArgumentException(String.format("SASLprep: prohibited character U+%04X", cp));
            }
            byte dir = Character.getDirectionality(cp);
            randAl |= dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            l |= dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
            i += Character.charCount(cp);
        }
        if (randAl && (l || !isRandAl(n.codePointAt(0)) || !isRandAl(n.codePointBefore(n.length())))) {
            throw new IllegalArgumentException("SASLprep: mixed or badly bounded right-to-left text");
        }
        return n;
    }

    /**
     * The bytes SCRAM keys are derived from: UTF-8 of SASLprep(password), or the password's own bytes when they are
     * not UTF-8 or SASLprep refuses them.
     */
    public static byte[] forKeys(byte[] password) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(password)).toString();
            return prepare(s).getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return password.clone();
        }
    }

    private static boolean isRandAl(int cp) {
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 C.1.2. */
    static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 3454 B.1. */
    static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 3454 C.1.2, C.2.1, C.2.2, C.3–C.9. */
    static boolean isProhibited(int cp) {
        return isNonAsciiSpace(cp)
                || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)                       // C.2.1, C.2.2
                || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C || cp == 0x200D
                || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F)
                || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFD) || (cp >= 0x1D173 && cp <= 0x1D17A) // C.2.2, C.6
                || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000                              // C.3
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE                    // C.4
                || (cp >= 0xD800 && cp <= 0xDFFF)                                               // C.5
                || (cp >= 0x2FF0 && cp <= 0x2FFB)                                               // C.7
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);                           // C.8, C.9
    }
}
