/** Binary searches over sorted arrays of numbers. */
/** Index of the first value >= x in a sorted array. */
export declare function lowerBound(a: Float64Array, x: number): number;
/** Index of the first value > x in a sorted array. */
export declare function upperBound(a: Float64Array, x: number): number;
