import multipart from "@fastify/multipart";
import {
  Asset,
  BusinessParams,
  isStorableText,
  Problem,
  ProductCreativeFields,
  ProductCreatives,
  UNSTORABLE_TEXT,
  UploadQuery,
  Uuid,
} from "@sorot/contracts";
import { AppError, badRequest, CREATIVE_LIMITS, fieldError } from "@sorot/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../lib/audit.js";
import { businessOf } from "../../plugins/auth.js";
import { fieldErrorOfIssue } from "../../plugins/errors.js";
import type { AssetStorage } from "./storage.js";
import { cropOf, readCreative, storeProductCreatives, storeUpload } from "./uploads.service.js";

/**
 * The multipart parser's own errors (a missing boundary, a truncated part, a bad part header) carry
 * no status: they are the client's malformed body, not our failure. Its limits carry 413 already.
 */
function rethrowMalformed(error: unknown): never {
  if ((error as { statusCode?: number }).statusCode) throw error;
  throw new AppError(
    400,
    "MALFORMED_MULTIPART",
    "Malformed multipart body",
    "The multipart/form-data body cannot be read.",
  );
}

function fileTooLarge(error: unknown): never {
  if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
    throw new AppError(
      413,
      "BODY_TOO_LARGE",
      "File too large",
      "Creatives are at most 50 MB (photos 25 MB).",
    );
  }
  rethrowMalformed(error);
}

/** The one file of a multipart body, under the name it must have and storable. */
function checkedFile<File extends { fieldname: string; filename: string }>(file: File | undefined): File {
  if (file?.fieldname !== "file")
    throw fieldError("file", "is required (one file in the field `file`)", "FILE_REQUIRED");
  // The file's name is kept (original_name) as people named it: it must be storable text too.
  if (!isStorableText(file.filename)) throw fieldError("file", `name ${UNSTORABLE_TEXT}`, "UNSTORABLE_TEXT");
  return file;
}

function requireMultipart(request: FastifyRequest) {
  if (!request.isMultipart()) {
    throw new AppError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "Unsupported content type",
      "Send the file as multipart/form-data.",
    );
  }
}

/**
 * A multipart body's text fields checked by their schema, as a JSON body's would be: 400 with
 * each field's path and code.
 */
function parseFields(values: Record<string, string>) {
  const parsed = ProductCreativeFields.safeParse(values);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map(fieldErrorOfIssue);
  throw badRequest(`${errors[0]?.path}: ${errors[0]?.message}`, errors);
}

const uploadsRoutes: FastifyPluginAsyncZod<{ storage: AssetStorage }> = async (app, { storage }) => {
  await app.register(multipart, {
    // The largest creative is a video; images get their smaller limit once their type is known.
    limits: { files: 1, fileSize: CREATIVE_LIMITS.video.maxBytes, fields: 0, parts: 2 },
  });

  app.post(
    "/v1/businesses/:businessId/uploads",
    {
      config: { access: "business", permission: "campaigns.write" },
      schema: {
        tags: ["campaigns"],
        summary:
          "Upload a creative (multipart, one file in field `file`): a JPEG/PNG/WebP photo up to 25 MB, cropped by the query to 9:16, 4:5, 1:1 or 16:9, or an MP4 up to 50 MB and 5-60 s",
        description:
          "A photo is turned upright by its EXIF orientation, cut to `shape` inside the area (`left`, `top`, `width`, `height`, in pixels of the upright photo), scaled to at most 1080 px on the short side, stripped of all metadata (GPS included) and stored as JPEG; `originalSha256` is the hash of the photo as sent. A short side under 600 px is stored with a warning, under 320 px refused. HEIC answers 415 HEIC_NOT_SUPPORTED.",
        security: [{ bearerAuth: [] }],
        consumes: ["multipart/form-data"],
        params: BusinessParams,
        querystring: UploadQuery,
        response: { 201: Asset, 400: Problem, 413: Problem, 415: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      requireMultipart(request);
      const file = checkedFile(await request.file().catch(rethrowMalformed));
      const bytes = await file.toBuffer().catch(fileTooLarge);
      const asset = await storeUpload(
        app.db,
        storage,
        businessOf(request).id,
        { bytes, filename: file.filename, crop: cropOf(request.query) },
        actorOf(request),
      );
      return reply.code(201).send(asset);
    },
  );

  app.post(
    "/v1/businesses/:businessId/creatives/product",
    {
      config: { access: "business", permission: "campaigns.write" },
      schema: {
        tags: ["campaigns"],
        summary:
          "Make ready creatives from a product photo (multipart: the photo in `file`, then the text fields productName, priceMicros, callToAction, template)",
        description:
          "Renders the photo with the product's name, its price as `Rp 25.000` and the call to action on a 9:16, a 1:1 and a 4:5 canvas (1080 px wide) in the chosen template, and stores each as a creative like an upload. Send the same photo with other words to change them. The images go through review with the ad that uses one.",
        security: [{ bearerAuth: [] }],
        consumes: ["multipart/form-data"],
        params: BusinessParams,
        response: { 201: ProductCreatives, 400: Problem, 413: Problem, 415: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      requireMultipart(request);
      const values: Record<string, string> = {};
      let photo: { bytes: Buffer; filename: string } | undefined;
      const parts = request.parts({
        limits: {
          files: 1,
          fields: 8,
          parts: 9,
          fieldSize: 1024,
          fileSize: CREATIVE_LIMITS.image.maxSourceBytes,
        },
      });
      try {
        for await (const part of parts) {
          if (part.type === "file") {
            const file = checkedFile(part);
            photo = { bytes: await file.toBuffer().catch(fileTooLarge), filename: file.filename };
          } else values[part.fieldname] = String(part.value);
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        rethrowMalformed(error);
      }
      if (!photo) throw fieldError("file", "is required (one file in the field `file`)", "FILE_REQUIRED");
      const fields = parseFields(values);
      const made = await storeProductCreatives(
        app.db,
        storage,
        businessOf(request).id,
        photo,
        fields,
        actorOf(request),
      );
      return reply.code(201).send(made);
    },
  );

  // Creatives are shown to anonymous viewers, so they are public; their ids are unguessable.
  app.get(
    "/media/:assetId",
    {
      config: { access: "public" },
      schema: {
        tags: ["delivery"],
        summary: "A creative's file, as ads link to it",
        security: [],
        params: z.strictObject({ assetId: Uuid }),
        response: {
          200: { content: { "image/*": { schema: z.string() }, "video/*": { schema: z.string() } } },
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const creative = await readCreative(app.db, storage, request.params.assetId);
      // A stream bypasses the serializer; the plain reply type says so.
      return (reply as FastifyReply)
        .type(creative.mimeType)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("content-length", String(creative.bytes))
        .send(creative.body);
    },
  );
};

export default uploadsRoutes;
