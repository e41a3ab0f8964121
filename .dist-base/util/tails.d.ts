/** Log-gamma and the tail probabilities the hunt's tests of significance use, summed in log space. */
/** Lanczos approximation of ln Γ(x) for x > 0. */
export declare function lnGamma(x: number): number;
/** log2 P(X >= k) for X ~ Binomial(n, p). */
export declare function log2BinomialTail(n: number, k: number, p: number): number;
/** log2 P(X >= k) for X ~ Poisson(lambda). */
export declare function log2PoissonTail(k: number, lambda: number): number;
