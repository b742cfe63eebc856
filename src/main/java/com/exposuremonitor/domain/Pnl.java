package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.OperatorMath.MC;
import static com.exposuremonitor.domain.OperatorMath.TWELVE;
import static com.exposuremonitor.domain.OperatorMath.ratio;

import java.math.BigDecimal;

/**
 * The exact figures margins and cover are made of: window sums (revenue, cashCost, researchCost)
 * and annual charges (depreciation, interest, principalDue, leasePayments), the latter multiplied
 * by coverage = coveredMonths / 12 wherever they meet window sums.
 */
record Pnl(BigDecimal revenue, BigDecimal cashCost, BigDecimal researchCost, BigDecimal depreciation,
           BigDecimal interest, BigDecimal principalDue, BigDecimal leasePayments, int coveredMonths) {

    BigDecimal ebitda() {
        return revenue.subtract(cashCost);
    }

    BigDecimal debtService() {
        return interest.add(principalDue).add(leasePayments);
    }

    /** An annual charge scaled to the covered part of the window. */
    BigDecimal covered(BigDecimal annual) {
        return annual.multiply(BigDecimal.valueOf(coveredMonths)).divide(TWELVE, MC);
    }

    Double ebitdaMargin() {
        return ratio(ebitda(), revenue);
    }

    Double grossMargin() {
        return ratio(ebitda().subtract(covered(depreciation)), revenue);
    }

    Double grossMarginFullCost() {
        return ratio(ebitda().subtract(researchCost).subtract(covered(depreciation)), revenue);
    }

    Double netMargin() {
        BigDecimal charges = depreciation.add(interest).add(leasePayments);
        return ratio(ebitda().subtract(covered(charges)), revenue);
    }

    Double dscr() {
        return ratio(ebitda(), covered(debtService()));
    }

    /** cost / (ebitda annualised by coverage); null unless ebitda is positive. */
    Double paybackYears(BigDecimal inServiceCost) {
        if (ebitda().signum() <= 0) {
            return null;
        }
        return ratio(covered(inServiceCost), ebitda());
    }

    /** claimedRunRate / (revenue annualised by coverage). */
    Double runRateGap(BigDecimal claimedRunRate) {
        return claimedRunRate == null ? null : ratio(covered(claimedRunRate), revenue);
    }

    /** Same costs and charges, another revenue (the revenue stresses). */
    Pnl withRevenue(BigDecimal stressedRevenue) {
        return new Pnl(stressedRevenue, cashCost, researchCost, depreciation, interest, principalDue,
                leasePayments, coveredMonths);
    }

    /** Same revenue, costs and financing, another depreciation (the useful-life sensitivity). */
    Pnl withDepreciation(BigDecimal annualDepreciation) {
        return new Pnl(revenue, cashCost, researchCost, annualDepreciation, interest, principalDue, leasePayments,
                coveredMonths);
    }

    /** Same revenue and costs, another interest (the rate stress). */
    Pnl withInterest(BigDecimal stressedInterest) {
        return new Pnl(revenue, cashCost, researchCost, depreciation, stressedInterest, principalDue,
                leasePayments, coveredMonths);
    }
}
