# The monitor, built from this repository. Base images pinned to exact releases, so a rebuild gets the
# same JDK and Maven; move them on deliberately.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY schemas schemas
COPY src src
COPY topologies topologies
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17.0.13_11-jre
WORKDIR /app
COPY --from=build /src/target/exposure-monitor.jar /app/exposure-monitor.jar
COPY --from=build /src/target/lib /app/lib
COPY src/main/resources/scenarios /app/scenarios
RUN useradd --system --uid 10001 monitor && mkdir -p /app/state && chown monitor /app/state
USER monitor
ENV EM_STATE_DIR=/app/state EM_HTTP_HOST=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/exposure-monitor.jar"]
CMD ["run"]
