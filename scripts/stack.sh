#!/usr/bin/env bash
# The monitoring stack as plain processes, for machines without Docker:
#   bash scripts/stack.sh up               start Prometheus, Alertmanager and the blackbox-,
#                                          postgres-, redis- and node-exporters on 127.0.0.1;
#                                          print the URLs
#   bash scripts/stack.sh down             stop what `up` started (by the PIDs it wrote)
#   bash scripts/stack.sh status           which of them are running
#   bash scripts/stack.sh compose-targets  rewrite prometheus/targets/compose/ from
#                                          prometheus/targets.yml
# It scrapes the service started with ./mvnw spring-boot:test-run (API on 8080, management
# on 8081, PostgreSQL on 54329). The launcher is dev.crm.stack.NativeStack, the code the
# end-to-end suite starts the same processes with; it compiles with the tests.
# Environment (defaults in brackets):
#   CRM_STACK_DIR     files, data, logs and PID files [target/stack]
#   CRM_SECRETS_DIR   receiver secrets [secrets.example]
#   POSTGRES_DSN      what postgres-exporter watches
#                     [postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable]
#   REDIS_ADDR        what redis-exporter watches [redis://127.0.0.1:6379]
# Debian packages: prometheus prometheus-alertmanager prometheus-blackbox-exporter
#   prometheus-postgres-exporter prometheus-redis-exporter prometheus-node-exporter
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh

classes=target/test-classes
classpath=target/stack-classpath.txt
# Compile only when the launcher's sources changed since the last build.
if [ ! -f "$classes/dev/crm/stack/NativeStack.class" ] || [ ! -f "$classpath" ] ||
	[ -n "$(find src/test/java/dev/crm/stack pom.xml -newer "$classpath" -print -quit)" ]; then
	./mvnw -B -ntp -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile="$classpath"
fi
exec java -cp "$classes:$(cat "$classpath")" dev.crm.stack.NativeStack "$@"
