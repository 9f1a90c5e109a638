package org.mailferry.pop3.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UidlFormatTest {
    @Test
    void dovecotNotationGivesDovecotsUidls() {
        assertThat(UidlFormat.parse("%08Xu%08Xv").format(1733052142L, 42)).isEqualTo("0000002a674c46ee");
        assertThat(UidlFormat.parse("%u.%v").format(7, 3)).isEqualTo("3.7");
        assertThat(UidlFormat.parse("UID%u-%v").format(7, 3)).isEqualTo("UID3-7");
        assertThat(UidlFormat.parse("%xv%%%4u").format(255, 12)).isEqualTo("ff%0012");
        assertThat(UidlFormat.DEFAULT.format(1733052142L, 42)).isEqualTo("1733052142.42");
    }

    @Test
    void formatsAUidlCannotHaveAreRefused() {
        assertThatThrownBy(() -> UidlFormat.parse("%08Xv")).hasMessageContaining("needs %u");
        assertThatThrownBy(() -> UidlFormat.parse("%m")).hasMessageContaining("only %u (UID) and %v");
        assertThatThrownBy(() -> UidlFormat.parse("%u %v")).hasMessageContaining("0x20");
        assertThatThrownBy(() -> UidlFormat.parse("x".repeat(61) + "%u")).hasMessageContaining("70 characters");
        assertThatThrownBy(() -> UidlFormat.parse("")).hasMessageContaining("empty");
    }
}
