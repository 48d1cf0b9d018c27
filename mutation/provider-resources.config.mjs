// The AWS side of provider/, the resources' methods and lifecycle (see awsSide.mjs).
import { awsSideChunk } from "./awsSide.mjs";

export default awsSideChunk("provider-resources", "provider/resources/**/*.ts");
