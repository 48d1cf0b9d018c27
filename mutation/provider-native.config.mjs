// The AWS side of provider/, the native plugin (see awsSide.mjs).
import { awsSideChunk } from "./awsSide.mjs";

export default awsSideChunk("provider-native", "provider/native/**/*.ts");
