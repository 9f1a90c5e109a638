package org.mailferry.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
    @Test
    void readsATokenAnswerAndSkipsWhatIsNested() {
        Map<String, Object> m = FlatJson.parse(" {\"access_token\": \"ya29.a\\u0041\\\\b\\\"\", \"expires_in\":3599, \"ext\": {\"a\": [1, {\"b\": null}]},"
                + " \"scope\": [\"x\", \"y\"], \"ok\": true, \"n\": null, \"f\": 1.5e2}");
        assertThat(m).containsEntry("access_token", "ya29.aA\\b\"").containsEntry("expires_in", 3599L).containsEntry("ok", true)
                .containsEntry("f", 150.0).containsKey("n").doesNotContainKeys("ext", "scope");
        assertThat(FlatJson.parse("{}")).isEmpty();
    }

    @Test
    void malformedInputIsRefusedNotGuessed() {
        for (String bad : new String[] {"", "[1]", "{\"a\":}", "{\"a\":\"x}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":tru}", "{" + "[".repeat(40) + "}"}) {
            assertThatThrownBy(() -> FlatJson.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
