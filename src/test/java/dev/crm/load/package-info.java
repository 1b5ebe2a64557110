/**
 * The load: one Gatling simulation ({@link dev.crm.load.LoadSimulation}) with the
 * workloads of {@link dev.crm.load.Workload} on the rows {@link dev.crm.load.Dataset}
 * prepares, which the benchmark's fixed-rate phase ({@code scripts/bench.sh}), the
 * end-to-end suite's background load and the runbooks' "reproduce locally" commands all
 * run, the latter through Maven and the first two in a JVM of their own
 * ({@link dev.crm.load.GatlingCommand}); and {@link dev.crm.load.CpuSteal}, which the
 * benchmark and the end-to-end timeline use to say how much of the machine the host took
 * meanwhile.
 */
package dev.crm.load;
