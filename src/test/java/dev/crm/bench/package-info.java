/**
 * Keeps the benchmark harness ({@code scripts/bench.sh}) from rotting: runs its smoke
 * mode against the packaged jar and checks that every figure comes out. It asserts no
 * timing and no ratio (those belong in the benchmark itself) and touches no production
 * code.
 */
package dev.crm.bench;
