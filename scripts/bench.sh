#!/usr/bin/env bash
# The benchmark: what instrumentation costs, as on/off ratios from one run of the same jar
# started four times on this machine (default; SPRING_PROFILES_ACTIVE=no-instrumentation;
# that with the OpenTelemetry Java agent, the tool a user would attach instead; and default
# with CRM_LOGGING_ACCESS_LOG_ENABLED=false, which prices the access line).
# See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
	cat <<'EOF'
Usage: scripts/bench.sh [--smoke] [--jfr] [--no-build] [--publish]

Builds the jar and the load simulations once, fetches the OpenTelemetry Java agent
through the Maven wrapper, starts PostgreSQL and Redis on loopback, starts the jar four
times (default, no-instrumentation, no-instrumentation with the agent, and default with
the access log off: access-log-off; same JVM flags), warms each, then rotates measured
rounds between them: saturation with wrk, a fixed arrival rate with Gatling. Writes
results.md (the table: each instance's figures, default and the agent ÷
no-instrumentation, and the access line's CPU, default − access-log-off), results.json,
chart.svg and Gatling's HTML reports (gatling/) to bench-results/<UTC time>/
(bench-results/latest points at the newest run).

  --smoke     a few seconds per workload, all instances started at once: checks
              that every figure is produced; its numbers mean nothing (BENCH_SMOKE=1)
  --jfr       also record the measured rounds of each instance with JFR (profile
              settings, CPU-time sampling) and write jfr/*.jfr and their summaries
              (BENCH_JFR=1); the figures of such a run include JFR's own cost
  --no-build  use the existing jar (BENCH_JAR, default target/crm-api.jar) and load
              simulations (target/test-classes, target/load-classpath.txt)
  --publish   copy the table and chart to docs/results/performance.{md,svg}, which
              docs/performance.md links (not with --smoke)

Environment (defaults in brackets; --smoke lowers the marked ones):
  BENCH_WORKLOADS         comma-separated subset of get,stats,post,mix [all four]
  BENCH_ROUNDS            measured rounds per phase [3; smoke 1]
  BENCH_DURATION          seconds per measured phase [7; smoke 1]
  BENCH_WARMUP            seconds of warm-up per workload and instance, after twice
                          that of the mix [10; smoke 0.5]
  BENCH_STARTS            starts per instance for startup to ready [3; smoke 1]
  BENCH_SCRAPES           scrapes per round [200; smoke 20]
  BENCH_CONNECTIONS       wrk's connections in the saturation phase [16]
  BENCH_MAX_RATE          the fixed-rate phase's ceiling, requests/s: Gatling's own CPU
                          per request on two cores rules out more [400]
  BENCH_HEAP              -Xms and -Xmx of every instance's JVM [512m]
  BENCH_OUT               output directory [bench-results/<UTC time>]
  BENCH_JAR               the jar to run [target/crm-api.jar]
  BENCH_AGENT_VERSION     the OpenTelemetry Java agent's version [2.28.1]
  BENCH_AGENT_JAR         the agent's jar [target/otel/opentelemetry-javaagent-<version>.jar,
                          fetched through the Maven wrapper when absent]
  BENCH_COMMIT            the commit named in the results [this tree's HEAD]
  BENCH_PG_BIN            PostgreSQL binaries [/usr/lib/postgresql/15/bin]
  BENCH_KEEP_LOGS=1       keep the instances' logs (always kept when a run fails)
EOF
}

build=1
publish=0
for arg in "$@"; do
	case "$arg" in
	--smoke) export BENCH_SMOKE=1 ;;
	--jfr) export BENCH_JFR=1 ;;
	--no-build) build=0 ;;
	--publish) publish=1 ;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage >&2
		exit 2
		;;
	esac
done

source scripts/java-home.sh

if [ "$publish" -eq 1 ] && [ "${BENCH_SMOKE:-0}" = 1 ]; then
	echo "bench: a smoke run's figures mean nothing; --publish takes a full run" >&2
	exit 2
fi

for command in redis-server wrk "${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}/postgres"; do
	if ! command -v "$command" >/dev/null 2>&1; then
		echo "bench: $command not found; install the Debian packages redis-server, wrk and postgresql-15" \
			"(scripts/test.sh installs them)" >&2
		exit 1
	fi
done

if [ "$build" -eq 1 ]; then
	# -DskipTests, not -Dmaven.test.skip: the load simulations are test classes.
	echo "[bench] building the jar and the load simulations"
	./mvnw -B -ntp -q package -DskipTests
fi

agent_version="${BENCH_AGENT_VERSION:-2.28.1}"
export BENCH_AGENT_JAR="${BENCH_AGENT_JAR:-target/otel/opentelemetry-javaagent-$agent_version.jar}"
if [ ! -f "$BENCH_AGENT_JAR" ]; then
	echo "[bench] fetching opentelemetry-javaagent $agent_version through the Maven wrapper"
	./mvnw -B -ntp -q dependency:copy \
		-Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$agent_version" \
		-DoutputDirectory=target/otel
	if [ "$BENCH_AGENT_JAR" != "target/otel/opentelemetry-javaagent-$agent_version.jar" ]; then
		mv "target/otel/opentelemetry-javaagent-$agent_version.jar" "$BENCH_AGENT_JAR"
	fi
fi

default_out=0
if [ -z "${BENCH_OUT:-}" ]; then
	BENCH_OUT="bench-results/$(date -u +%Y%m%d-%H%M%S)"
	default_out=1
fi
export BENCH_OUT
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	commit="$commit+uncommitted"
fi
# A jar from elsewhere (BENCH_JAR) is labelled by the caller, not by this tree.
export BENCH_COMMIT="${BENCH_COMMIT:-$commit}"
# The settings that change what is measured belong to the command that reproduces a run.
settings="$(env | grep -E '^BENCH_(WORKLOADS|ROUNDS|DURATION|WARMUP|STARTS|SCRAPES|CONNECTIONS|MAX_RATE|HEAP|AGENT_VERSION)=' | sort | tr '\n' ' ' || true)"
export BENCH_COMMAND="${settings}scripts/bench.sh $*"

if [ ! -f target/load-classpath.txt ]; then
	echo "bench: target/load-classpath.txt is missing; run without --no-build" >&2
	exit 1
fi
# Bench.java runs from source with the test classpath: the load simulations' dataset,
# Gatling's launcher, HdrHistogram and Jackson.
java -cp "target/test-classes:$(cat target/load-classpath.txt)" scripts/bench/Bench.java
if [ "$default_out" -eq 1 ]; then
	ln -sfn "$(basename "$BENCH_OUT")" bench-results/latest
fi
if [ "$publish" -eq 1 ]; then
	mkdir -p docs/results
	sed 's/(chart\.svg)/(performance.svg)/' "$BENCH_OUT/results.md" >docs/results/performance.md
	cp "$BENCH_OUT/chart.svg" docs/results/performance.svg
	echo "[bench] published the table to docs/results/performance.md and the chart to docs/results/performance.svg"
fi
