export { initialState, startInstance, transition } from './transition.js';
export { memoryDirectory, sequentialIds, type DirectorySnapshot } from './support.js';
export * from './types.js';
export { Driver } from './harness.js';
export {
  newProductListing,
  newProductListingDirectory,
  newProductListingForm,
} from './fixtures/new-product-listing.js';
export { processOf, orgSnapshot, type EdgeSpec } from './fixtures/build.js';
