package org.hepml.jobs.compare;

import java.util.Map;
import java.util.function.Function;

/**
 * More methods for {@code hepml benchmark}, found with ServiceLoader: how classifiers whose libraries the core must
 * not depend on (XGBoost, in module {@code peers/}) join the comparison.
 */
public interface MethodProvider {
    /** Method factories by name. */
    Map<String, Function<Methods.Common, Method>> methods();
}
