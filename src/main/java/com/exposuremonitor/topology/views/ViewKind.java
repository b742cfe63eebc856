package com.exposuremonitor.topology.views;

import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.LenderExposure;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.views.CounterpartyStake;
import com.exposuremonitor.domain.views.CounterpartyView;
import com.exposuremonitor.domain.views.LenderStake;
import com.exposuremonitor.domain.views.LenderView;
import com.exposuremonitor.domain.views.Stakes;
import com.exposuremonitor.domain.views.ViewFigures;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything that differs between the counterparty view and the lender view, in one place. {@code figures} gives a
 * view's figure by rule (the counterparty view has SYSTEMIC_COUNTERPARTY and COUNTERPARTY_CONTAGION, the lender
 * view LENDER_INDIRECT_CONCENTRATION); {@code detail} the rule's sentence about the view.
 */
record ViewKind<S, V extends SpecificRecord>(
        String name,
        SubjectType subjectType,
        Class<V> viewType,
        StakeCodec<S> codec,
        BiFunction<OperatorExposure, Supplier<AlertBook>, Map<String, S>> stakesOf,
        BiFunction<String, Collection<S>, V> build,
        Function<V, Map<String, Double>> figures,
        BiFunction<String, V, String> detail,
        Function<V, Instant> asOf,
        BiPredicate<S, S> sameFigures) {

    String indexStore() {
        return name + "-stake-index";
    }

    String bookStore() {
        return name + "-stakes";
    }

    String viewStore() {
        return name + "-exposure";
    }

    String alertStateStore() {
        return name + "-alert-states";
    }

    String activeAlertsStore() {
        return name + "-active-alerts";
    }

    static ViewKind<CounterpartyStake, CounterpartyExposure> counterparty(double systemicThreshold) {
        return new ViewKind<>("counterparty", SubjectType.COUNTERPARTY,
                CounterpartyExposure.class, StakeCodec.COUNTERPARTY,
                (exposure, book) -> Stakes.byCounterparty(exposure),
                (id, stakes) -> CounterpartyView.build(id, stakes, systemicThreshold),
                ViewFigures::counterpartyFigures, ViewFigures::counterpartyDetail, CounterpartyExposure::getAsOf,
                CounterpartyStake::sameFigures);
    }

    static ViewKind<LenderStake, LenderExposure> lender() {
        return new ViewKind<>("lender", SubjectType.LENDER,
                LenderExposure.class, StakeCodec.LENDER,
                (exposure, book) -> Stakes.byLender(exposure, hasCritical(book.get())),
                LenderView::build, ViewFigures::lenderFigures, (rule, view) -> ViewFigures.indirectDetail(view),
                LenderExposure::getAsOf, LenderStake::sameFigures);
    }

    private static boolean hasCritical(AlertBook book) {
        return book != null && book.states().values().stream().anyMatch(s -> s.severity() == Severity.CRITICAL);
    }
}
