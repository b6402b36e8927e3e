import { ResearchError } from '../ResearchError.ts';

/** One charge to a privacy budget. */
export interface BudgetCharge {
  readonly epsilon: number;
  /** What the epsilon was spent on (e.g. a query id); never personal data. */
  readonly label: string;
}

/** The serialisable state of a {@link PrivacyBudget}. */
export interface PrivacyBudgetState {
  readonly total: number;
  readonly charges: readonly BudgetCharge[];
}

/** Tolerance for floating-point sums of epsilons (1e-9 of a unit of epsilon). */
const TOLERANCE = 1e-9;

/**
 * A study's differential-privacy budget: the total epsilon it may spend over all its queries
 * (sequential composition), and the ledger of what was spent. A query that would exceed the
 * budget is refused before it runs, and nothing is charged.
 */
export class PrivacyBudget {
  private readonly chargeList: BudgetCharge[];

  /**
   * @param total - the study's total epsilon (> 0)
   * @param charges - earlier charges (e.g. from {@link PrivacyBudget.toJSON})
   * @throws ResearchError `invalid-parameter` for a total that is not a positive finite number
   */
  public constructor(
    public readonly total: number,
    charges: readonly BudgetCharge[] = [],
  ) {
    if (!Number.isFinite(total) || total <= 0)
      throw new ResearchError('invalid-parameter', `A privacy budget must be a positive epsilon, got ${total}.`);
    this.chargeList = [...charges];
  }

  /** Rebuilds a budget from its serialised state. */
  public static fromJSON(state: PrivacyBudgetState): PrivacyBudget {
    return new PrivacyBudget(state.total, state.charges);
  }

  /** The epsilon spent so far. */
  public get spent(): number {
    return this.chargeList.reduce((sum, charge) => sum + charge.epsilon, 0);
  }

  /** The epsilon left (never negative). */
  public get remaining(): number {
    return Math.max(0, this.total - this.spent);
  }

  /** The charges, oldest first. */
  public get charges(): readonly BudgetCharge[] {
    return [...this.chargeList];
  }

  /** True when `epsilon` can still be spent. */
  public canAfford(epsilon: number): boolean {
    return epsilon <= this.remaining + TOLERANCE;
  }

  /**
   * Spends epsilon on a query.
   * @throws ResearchError `invalid-parameter` for an epsilon that is not positive;
   *   `budget-exceeded` when the budget cannot afford it (then nothing is charged)
   */
  public charge(epsilon: number, label: string): void {
    if (!Number.isFinite(epsilon) || epsilon <= 0)
      throw new ResearchError('invalid-parameter', `A query's epsilon must be positive, got ${epsilon}.`);
    if (!this.canAfford(epsilon)) {
      throw new ResearchError(
        'budget-exceeded',
        `The query needs epsilon ${epsilon} but the study has only ${this.remaining.toPrecision(6)} left of its budget of ${this.total}.`,
      );
    }
    this.chargeList.push({ epsilon, label });
  }

  /** The serialisable state. */
  public toJSON(): PrivacyBudgetState {
    return { total: this.total, charges: this.charges };
  }
}
