/**
 * The DNN ensemble Estimator and Model on Deeplearning4j (issue 6). Until then the module carries the DL4J
 * dependency set (Linux x86-64 natives only), checked by {@code NativeBackendTest}, so the build, the shaded jar
 * and the native-library setup are proven before the estimator lands.
 */
package org.hepml.estimators;
