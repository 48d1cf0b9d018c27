// The AWS side of provider/, the Lightsail calls (see awsSide.mjs).
import { awsSideChunk } from "./awsSide.mjs";

export default awsSideChunk("provider-lightsail", "provider/lightsail/**/*.ts");
