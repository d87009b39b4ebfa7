package org.virtguard.model;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value read from a source, together with whether it was read at all.
 *
 * <p>{@code Collected.of(false)} means the source said "off"; {@code Collected.notCollected(..)} means
 * nobody knows. Checks must treat the two differently.
 *
 * @param status whether the value was collected
 * @param value  the value when collected; may be {@code null} when the source reported "not set"
 * @param reason why the value is missing, for {@link CollectionStatus#NOT_COLLECTED}
 * @param <T>    the value type
 */
public record Collected<T>(CollectionStatus status, T value, String reason) {

    public Collected {
        Objects.requireNonNull(status, "status");
        if (status == CollectionStatus.NOT_COLLECTED && value != null) {
            throw new IllegalArgumentException("a value that was not collected cannot carry a value");
        }
    }

    public static <T> Collected<T> of(T value) {
        return new Collected<>(CollectionStatus.COLLECTED, value, null);
    }

    public static <T> Collected<T> notCollected(String reason) {
        return new Collected<>(CollectionStatus.NOT_COLLECTED, null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isCollected() {
        return status == CollectionStatus.COLLECTED;
    }

    /** The value, if it was collected and is set. */
    public Optional<T> get() {
        return isCollected() ? Optional.ofNullable(value) : Optional.empty();
    }

    public <R> Collected<R> map(Function<? super T, ? extends R> mapper) {
        if (!isCollected()) {
            return notCollected(reason);
        }
        return of(value == null ? null : mapper.apply(value));
    }

    /** A short human-readable rendering: the value, or {@code not collected (reason)}. */
    public String describe() {
        return isCollected() ? String.valueOf(value) : "not collected (" + reason + ")";
    }
}
