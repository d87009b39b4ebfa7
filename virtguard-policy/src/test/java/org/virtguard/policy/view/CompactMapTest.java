package org.virtguard.policy.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A compact view behaves as an ordinary immutable map of its present keys. */
class CompactMapTest {

    private static final MapShape SHAPE = MapShape.of("id", "name", "trust", "zone");

    @Test
    void absentKeysAreNotInTheMap() {
        CompactMap m = CompactMap.builder(SHAPE).put("id", "vm-1").put("trust", 50L).put("zone", null).build();
        assertThat(m).hasSize(2).containsEntry("id", "vm-1").containsEntry("trust", 50L);
        assertThat(m.containsKey("zone")).isFalse();
        assertThat(m.containsKey("name")).isFalse();
        assertThat(m.get("other")).isNull();
        assertThat(m.get(42)).isNull();
        assertThat(m.keySet()).containsExactly("id", "trust");
    }

    @Test
    void equalsAndHashesLikeAHashMap() {
        CompactMap m = CompactMap.builder(SHAPE).put("name", "web").put("id", "vm-1").build();
        Map<String, Object> h = new HashMap<>(Map.of("id", "vm-1", "name", "web"));
        assertThat(m).isEqualTo(h);
        assertThat(h).isEqualTo(m);
        assertThat(m.hashCode()).isEqualTo(h.hashCode());
        assertThat(m.toString()).isEqualTo("{id=vm-1, name=web}");
    }

    @Test
    void keysAreFoundByValueNotOnlyByIdentity() {
        String key = new String("name".toCharArray());
        CompactMap m = CompactMap.builder(SHAPE).put(key, "web").build();
        assertThat(m.get(new String("name".toCharArray()))).isEqualTo("web");
        assertThat(m.valueAt(SHAPE.indexOf("name"))).isEqualTo("web");
    }

    @Test
    void anExtendedShapeIsSharedAndKeepsTheOrder() {
        MapShape more = SHAPE.with(List.of("site", "trust"));
        assertThat(SHAPE.with(List.of("site", "trust"))).isSameAs(more);
        assertThat(more.size()).isEqualTo(5);
        assertThat(more.key(4)).isEqualTo("site");
        assertThat(SHAPE.with(List.of())).isSameAs(SHAPE);
    }

    @Test
    void unknownKeysAndDuplicatesAreRejected() {
        assertThatThrownBy(() -> CompactMap.builder(SHAPE).put("nope", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> MapShape.of("a", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactMap.builder(SHAPE).build().put("id", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void manyKeysStillResolve() {
        String[] keys = new String[40];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "k" + i;
        }
        MapShape big = MapShape.of(keys);
        CompactMap.Builder b = CompactMap.builder(big);
        for (int i = 0; i < keys.length; i += 2) {
            b.put("k" + i, (long) i);
        }
        CompactMap m = b.build();
        for (int i = 0; i < keys.length; i++) {
            assertThat(m.get("k" + i)).isEqualTo(i % 2 == 0 ? (Object) (long) i : null);
        }
        assertThat(m).hasSize(20);
    }
}
