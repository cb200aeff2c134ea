/**
 * Training: examples from a replay over the head of a trace ({@link org.numabias.tribuo.train.ExamplePass}),
 * labelled with the oracle's node, and the Tribuo trainers ({@link org.numabias.tribuo.train.TrainerChoice}).
 */
package org.numabias.tribuo.train;
