#!/usr/bin/env bash
# The one test command: installs the Debian packages the suite runs for real (when they
# are missing), selects a JDK 25, then runs every test with the Maven wrapper.
set -euo pipefail
cd "$(dirname "$0")/.."

# Real services the tests start as child processes; nothing is mocked or skipped.
# promtool checks the app's metric names (dev.crm.observability.metrics); promtool,
# amtool and blackbox-exporter's --config.check validate the monitoring stack
# (dev.crm.monitoring); the end-to-end suite (dev.crm.e2e) runs Prometheus, Alertmanager
# and the four exporters as processes; the benchmark's smoke run (dev.crm.bench) runs
# PostgreSQL 15 from its Debian binaries, and wrk for its saturation phase.
required_packages=(redis-server prometheus prometheus-alertmanager prometheus-blackbox-exporter
	prometheus-postgres-exporter prometheus-redis-exporter prometheus-node-exporter postgresql-15 wrk)
required_commands=(redis-server promtool amtool prometheus-blackbox-exporter
	prometheus-postgres-exporter prometheus-redis-exporter prometheus-node-exporter
	/usr/lib/postgresql/15/bin/postgres wrk)

missing=()
for i in "${!required_commands[@]}"; do
	command -v "${required_commands[$i]}" >/dev/null 2>&1 || missing+=("${required_packages[$i]}")
done
if ((${#missing[@]})); then
	echo "Installing missing Debian packages: ${missing[*]}"
	sudo_cmd=()
	[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
	"${sudo_cmd[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The Debian package starts a system-wide redis on 6379; the tests start their own on a
# free port and never use it.

source scripts/java-home.sh
exec ./mvnw -B -ntp verify "$@"
