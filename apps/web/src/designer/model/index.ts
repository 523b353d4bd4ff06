// The flow designer's model: pure functions shared by the designer canvas,
// the simulator and the instance diagram (STYLE.md rule 6). No React, no DOM.
export * from './graph-mapping';
export * from './summary';
export * from './condition-builder';
export * from './layout';
export * from './edit-ops';
export * from './history';
export * from './problems';
export { formFields, fieldIndex } from './form-fields';
export { splitBlock, splitOfJoin, type SplitBlock } from './blocks';
export * from './clipboard';
export * from './node-names';
export { canEndOnEdge, endOnEdge } from './branch-ends';
