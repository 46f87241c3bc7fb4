package org.hepml.params;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.Predicate;
import scala.runtime.AbstractFunction1;

/**
 * A param's validator, as Spark ML takes it ({@code isValid}, checked by every {@code set}: setters, param maps,
 * grids, {@code copyValues} and {@code load} alike), that refuses a bad value with a message naming the stage, the
 * param and what it accepts, instead of returning false (Spark's own message names neither). Serializable, as
 * params travel with their stages.
 */
public final class Check<T> extends AbstractFunction1<T, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A serializable test of a value. */
    public interface Test<T> extends Predicate<T>, Serializable {}

    private final String where;
    private final String accepts;
    private final Test<T> test;

    private Check(String where, String accepts, Test<T> test) {
        this.where = where;
        this.accepts = accepts;
        this.test = test;
    }

    /**
     * Values of {@code owner}'s param {@code param} that pass {@code test}; {@code accepts} says which in the error
     * ("an integer >= 1", "1 or a multiple of 4").
     */
    public static <T> Check<T> of(Object owner, String param, String accepts, Test<T> test) {
        return new Check<>(owner.getClass().getSimpleName() + ": param " + param, accepts, test);
    }

    public static Check<Object> atLeast(Object owner, String param, long min) {
        return of(owner, param, "an integer >= " + min, v -> ((Number) v).longValue() >= min);
    }

    /** A number in the open interval (lo, hi). */
    public static Check<Object> between(Object owner, String param, double lo, double hi) {
        return of(
                owner,
                param,
                "a number in (" + lo + ", " + hi + ")",
                v -> ((Number) v).doubleValue() > lo && ((Number) v).doubleValue() < hi);
    }

    /** A finite number > 0 ({@code strict}) or >= 0. */
    public static Check<Object> positive(Object owner, String param, boolean strict) {
        return of(owner, param, "a finite number " + (strict ? "> 0" : ">= 0"), v -> {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) && (strict ? d > 0 : d >= 0);
        });
    }

    /** One of these strings, exactly. */
    public static Check<String> oneOf(Object owner, String param, String... allowed) {
        return of(
                owner,
                param,
                "one of " + String.join(", ", allowed),
                v -> Arrays.asList(allowed).contains(v));
    }

    /** A column name: any string but null ("" where the param says it means none). */
    public static Check<String> column(Object owner, String param) {
        return of(owner, param, "a column name", v -> true);
    }

    @Override
    public Object apply(T value) {
        if (value == null || !test.test(value)) {
            throw new IllegalArgumentException(where + " must be " + accepts + ", got "
                    + (value instanceof String
                            ? "'" + value + "'"
                            : value instanceof Object[] a ? Arrays.toString(a) : String.valueOf(value)));
        }
        return Boolean.TRUE;
    }
}
