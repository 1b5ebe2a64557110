# Sourced, not run: points JAVA_HOME at a JDK 25 when the current java is older.
java_major() {
	"$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
	for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/*25*; do
		if [ -x "$candidate/bin/java" ]; then
			export JAVA_HOME="$candidate"
			break
		fi
	done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
	echo "crm-api needs JDK 25: set JAVA_HOME to one (for example /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
	exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
