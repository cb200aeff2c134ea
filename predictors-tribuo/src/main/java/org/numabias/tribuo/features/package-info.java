/**
 * The classifier's features: their versioned definition ({@link org.numabias.tribuo.features.FeatureSet})
 * and the feedback state they are computed from ({@link org.numabias.tribuo.features.FeatureState}),
 * shared by training and prediction.
 */
package org.numabias.tribuo.features;
