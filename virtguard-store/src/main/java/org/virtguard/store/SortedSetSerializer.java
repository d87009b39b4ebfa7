package org.virtguard.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** Writes any {@link Set} as an array in a stable order, whatever the set's own iteration order. */
@SuppressWarnings({"unchecked", "rawtypes"})
final class SortedSetSerializer extends StdSerializer<Set<?>> {

    private static final Comparator<Object> ORDER = SortedSetSerializer::compare;

    SortedSetSerializer() {
        super((Class) Set.class);
    }

    @Override
    public void serialize(Set<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        List<Object> sorted = new ArrayList<>(value);
        sorted.sort(ORDER);
        gen.writeStartArray(value, sorted.size());
        for (Object element : sorted) {
            provider.defaultSerializeValue(element, gen);
        }
        gen.writeEndArray();
    }

    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Enum<?> ea && b instanceof Enum<?> eb) {
            return ea.name().compareTo(eb.name());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
