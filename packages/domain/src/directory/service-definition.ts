// Placeholder: filled in by the slot supply work (issue 9).
export {};
