/** The pure SDK: endpoint model, service client, catalog, resolution and compilers. No Pulumi imports. */
export * from "./errors";
export * from "./model/types";
export * from "./model/address";
export * from "./model/ports";
export * from "./model/parse";
export * from "./model/canonical";
export * from "./catalog/catalog";
export * from "./catalog/snapshot";
export * from "./service/rawData";
export * from "./service/cache";
export * from "./service/client";
export * from "./service/source";
export * from "./resolve";
export * from "./targets";
export * from "./baseline";
export * from "./diff";
export * from "./drift";
