// The few web-platform globals the domain package uses. They exist in every runtime it targets
// (browsers and Node.js >= 18) but are not part of the ECMAScript library, and the package
// deliberately compiles without the DOM or Node.js type libraries so no I/O API can creep in.
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  decode(input?: Uint8Array): string;
}
