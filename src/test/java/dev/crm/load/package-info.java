/**
 * The load: one Gatling simulation ({@link dev.crm.load.LoadSimulation}) with the
 * workloads of {@link dev.crm.load.Workload}, which the benchmark
 * ({@code scripts/bench.sh}), the end-to-end suite's background load and the runbooks'
 * "reproduce locally" commands all run; and {@link dev.crm.load.CpuSteal}, which the
 * benchmark and the end-to-end timeline use to say how much of the machine the host took
 * meanwhile.
 */
package dev.crm.load;
