// The AWS side of provider/, the modules at the top of provider/ (see awsSide.mjs).
import { awsSideChunk } from "./awsSide.mjs";

export default awsSideChunk("provider-core", "provider/*.ts");
