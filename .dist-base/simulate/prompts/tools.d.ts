export interface ToolDef {
    name: string;
    description: string;
    params: Record<string, string>;
}
export declare const TOOLS: readonly ToolDef[];
/** Picks n tools (distinct) with a seeded rng, always including `must` when given. */
export declare function toolSubset(seed: number, n: number, must?: readonly string[]): ToolDef[];
export declare const renderTools: (tools: readonly ToolDef[], style: number) => string;
/** Pre-rendered tool blocks: different subsets in different styles (pick one per template). */
export declare const TOOL_BLOCKS: readonly string[];
