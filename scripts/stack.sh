#!/usr/bin/env bash
# The monitoring stack as plain processes, for machines without Docker:
#   bash scripts/stack.sh up      start Prometheus, Alertmanager and the blackbox-, postgres-,
#                                 redis- and node-exporters on 127.0.0.1; print the URLs
#   bash scripts/stack.sh down    stop what `up` started (by the PIDs it wrote, nothing else)
#   bash scripts/stack.sh status  which of them are running
# It scrapes the service started with the README's run command (./mvnw spring-boot:test-run:
# API on 8080, management on 8081, PostgreSQL on 54329) through prometheus/targets/*.yml, the
# native targets. Prometheus and its rules are the project's files, unchanged. Alertmanager
# is the project's alertmanager.yml with one rewrite: /run/secrets/ (compose secrets) becomes
# CRM_SECRETS_DIR, placeholders from secrets.example/ by default, as with compose.
# Environment (defaults in brackets):
#   CRM_STACK_DIR     data, logs and PID files [target/stack]
#   CRM_SECRETS_DIR   receiver secrets [secrets.example]
#   POSTGRES_DSN      what postgres-exporter watches
#                     [postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable]
#   REDIS_ADDR        what redis-exporter watches [redis://127.0.0.1:6379]
# Debian packages: prometheus prometheus-alertmanager prometheus-blackbox-exporter
#   prometheus-postgres-exporter prometheus-redis-exporter prometheus-node-exporter
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state=${CRM_STACK_DIR:-target/stack}
secrets=$(realpath "${CRM_SECRETS_DIR:-secrets.example}")
postgres_dsn=${POSTGRES_DSN:-postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable}
redis_addr=${REDIS_ADDR:-redis://127.0.0.1:6379}

# name, then the command line; every address matches prometheus/targets/*.yml.
processes=(blackbox-exporter postgres-exporter redis-exporter node-exporter alertmanager prometheus)

command_of() {
	case $1 in
	blackbox-exporter) echo prometheus-blackbox-exporter --config.file="$root/prometheus/blackbox.yml" \
		--web.listen-address=127.0.0.1:9115 ;;
	postgres-exporter) echo prometheus-postgres-exporter --web.listen-address=127.0.0.1:9187 ;;
	redis-exporter) echo prometheus-redis-exporter --redis.addr="$redis_addr" --web.listen-address=127.0.0.1:9121 ;;
	node-exporter) echo prometheus-node-exporter --web.listen-address=127.0.0.1:9100 ;;
	alertmanager) echo prometheus-alertmanager --config.file="$state/alertmanager/alertmanager.yml" \
		--storage.path="$state/alertmanager-data" --web.listen-address=127.0.0.1:9093 --cluster.listen-address= ;;
	prometheus) echo prometheus --config.file="$root/prometheus/prometheus.yml" \
		--storage.tsdb.path="$state/prometheus-data" --web.listen-address=127.0.0.1:9090 \
		--enable-feature=exemplar-storage --web.enable-lifecycle ;;
	esac
}

running() {
	[ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null
}

up() {
	local missing=()
	for name in "${processes[@]}"; do
		local binary
		binary=$(command_of "$name" | cut -d' ' -f1)
		command -v "$binary" >/dev/null || missing+=("$binary")
	done
	if ((${#missing[@]})); then
		echo "Not installed: ${missing[*]} (see the Debian packages at the top of $0)" >&2
		exit 1
	fi
	mkdir -p "$state/alertmanager"
	state=$(realpath "$state")
	# The only rewrite: where the secret files are.
	sed "s#/run/secrets/#$secrets/#g" alertmanager/alertmanager.yml >"$state/alertmanager/alertmanager.yml"
	ln -sfn "$root/alertmanager/templates" "$state/alertmanager/templates"
	for name in "${processes[@]}"; do
		if running "$name"; then
			echo "$name already running (PID $(cat "$state/$name.pid"))"
			continue
		fi
		# shellcheck disable=SC2046 # the command line is split on purpose
		DATA_SOURCE_NAME=$postgres_dsn nohup $(command_of "$name") >"$state/$name.log" 2>&1 &
		echo $! >"$state/$name.pid"
	done
	sleep 2
	local failed=0
	for name in "${processes[@]}"; do
		if ! running "$name"; then
			echo "$name did not start; its log, $state/$name.log, ends with:" >&2
			tail -5 "$state/$name.log" >&2
			failed=1
		fi
	done
	cat <<-EOF
		Prometheus        http://127.0.0.1:9090  (alerts at /alerts, targets at /targets)
		Alertmanager      http://127.0.0.1:9093
		blackbox-exporter http://127.0.0.1:9115  (probes http://127.0.0.1:8080/health and /ready)
		postgres-exporter http://127.0.0.1:9187/metrics
		redis-exporter    http://127.0.0.1:9121/metrics
		node-exporter     http://127.0.0.1:9100/metrics
		crm-api, scraped  http://127.0.0.1:8081/actuator/prometheus  (start it: ./mvnw spring-boot:test-run)
		Logs and data in $state; stop with: bash scripts/stack.sh down
	EOF
	return $failed
}

down() {
	for name in "${processes[@]}"; do
		if running "$name"; then
			kill "$(cat "$state/$name.pid")"
			echo "stopped $name"
		fi
		rm -f "$state/$name.pid"
	done
}

status() {
	for name in "${processes[@]}"; do
		if running "$name"; then echo "$name running (PID $(cat "$state/$name.pid"))"; else echo "$name stopped"; fi
	done
}

case ${1:-} in
up) up ;;
down) down ;;
status) status ;;
*)
	echo "usage: bash scripts/stack.sh up|down|status" >&2
	exit 2
	;;
esac
