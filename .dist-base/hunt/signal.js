export const SIGNAL_GROUPS = [
    'volume',
    'output',
    'timing',
    'rate_limit',
    'conversation',
    'elicitation',
    'capability',
    'templates',
    'cache',
    'infrastructure',
    'account',
    'extraction',
    'distribution',
    'coordination',
];
const COORDINATION = ['templates', 'capability', 'distribution', 'coordination'];
export const familyOf = (group) => group === 'account' ? 'provenance' : COORDINATION.includes(group) ? 'coordination' : 'behaviour';
export const defineSignal = (s) => s;
//# sourceMappingURL=signal.js.map