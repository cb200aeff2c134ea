/**
 * Trained models: the file format and its checks ({@link org.numabias.tribuo.model.ModelFile}) and
 * the compiled, allocation-free form the predictor scores with ({@link org.numabias.tribuo.model.CompiledModel}).
 */
package org.numabias.tribuo.model;
