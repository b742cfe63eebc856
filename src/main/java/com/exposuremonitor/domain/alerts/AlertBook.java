package com.exposuremonitor.domain.alerts;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The alert states of one subject, by rule. Mutable: {@link AlertEngine} updates it in place and
 * changes it only when it emits alerts. Serializable with
 * {@code new ObjectMapper().findAndRegisterModules()}.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public final class AlertBook {

    private TreeMap<String, AlertState> states = new TreeMap<>();

    public AlertBook() {
    }

    /** A book holding exactly these states (e.g. read back from a store). */
    public static AlertBook of(Map<String, AlertState> states) {
        AlertBook book = new AlertBook();
        states.forEach(book::put);
        return book;
    }

    /** The rule's state; {@link AlertState#NONE} when it never fired. */
    public AlertState state(String rule) {
        return states.getOrDefault(rule, AlertState.NONE);
    }

    void put(String rule, AlertState state) {
        states.put(rule, Objects.requireNonNull(state));
    }

    /** Every rule that ever fired for this subject, by name. */
    public Map<String, AlertState> states() {
        return Collections.unmodifiableMap(states);
    }

    /** True while some alert of this subject is raised. */
    public boolean anyActive() {
        return states.values().stream().anyMatch(AlertState::active);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertBook other && states.equals(other.states);
    }

    @Override
    public int hashCode() {
        return states.hashCode();
    }

    @Override
    public String toString() {
        return "AlertBook" + states;
    }
}
