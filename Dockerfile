# syntax=docker/dockerfile:1
# crm-api image: build with the Maven wrapper on a JDK, run the extracted (layered) jar on a
# JRE as a non-root user. Layers: dependencies change rarely, application code often, so
# a code change rebuilds only the last layer.

FROM eclipse-temurin:25.0.3_9-jdk-noble AS build
WORKDIR /src
# Dependencies first, so they are cached until pom.xml changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
# -Dmaven.test.skip: the tests run in CI (scripts/test.sh); -DskipTests would still run
# test AOT processing in Boot 4.1.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q -Dmaven.test.skip package \
 && java -Djarmode=tools -jar target/crm-api.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:25.0.3_9-jre-noble
RUN groupadd --system --gid 10001 crm && useradd --system --uid 10001 --gid crm --no-create-home crm
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
EXPOSE 8080 8081
# Container-aware heap (75% of the memory limit), exit on OOM so the orchestrator restarts
# a clean process, and keep the JVM's own noise off stdout (logs there are JSON only).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Xlog:disable -Xlog:all=warning:stderr"
# Readiness over plain bash (no curl in the JRE image): /ready answers 200 only when ready.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# exec form: java is PID 1 and gets SIGTERM directly, so graceful shutdown runs.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
