import { LoginBody, type Problem, SignupBody, UpdateBusinessBody } from "@sorot/contracts";
import { describe, expect, it } from "vitest";
import { en, id } from "../i18n/catalogues";
import { catalogueI18n } from "../i18n/testing";
import { ApiError, NETWORK_ERROR_STATUS, retryAfterSeconds } from "./api";
import {
  errorMessage,
  errorWithIssues,
  fieldErrorsFromIssues,
  fieldErrorsFromProblem,
  fieldPath,
  issueText,
} from "./errors";

function problem(overrides: Partial<Problem> = {}): Problem {
  return {
    type: "https://sorot.example/problems/validation",
    title: "Invalid request",
    status: 400,
    detail: "The request body is invalid",
    code: "validation_failed",
    ...overrides,
  };
}

const i18n = await catalogueI18n("en");

describe("fieldPath", () => {
  it.each([
    ["email", "email"],
    ["body.email", "email"],
    ["query.limit", "limit"],
    ["params.businessId", "businessId"],
    ["/body/email", "email"],
    ["body.budget.amountMicros", "budget.amountMicros"],
    ["body.targeting.provinces[0]", "targeting.provinces.0"],
    // A field that happens to be called "body" is still a field.
    ["body", "body"],
    ["", ""],
  ])("maps %j to the form field %j", (path, field) => {
    expect(fieldPath(path)).toBe(field);
  });
});

describe("fieldErrorsFromProblem", () => {
  const issue = (path: string, code: string, message: string) => ({ path, code, params: {}, message });

  it("maps each error path to its field, first message per field", () => {
    const errors = fieldErrorsFromProblem(
      problem({
        errors: [
          issue("body.email", "INVALID_FORMAT", "must be a valid email address"),
          issue("body.email", "EMAIL_TAKEN", "is already registered"),
          issue("password", "WEAK_PASSWORD", "is too common"),
        ],
      }),
      i18n.t,
    );
    expect(errors).toEqual({
      email: en.problems.INVALID_FORMAT,
      password: en.problems.WEAK_PASSWORD,
    });
  });

  it("gives nothing for a problem without field errors", () => {
    expect(fieldErrorsFromProblem(problem({ status: 409, errors: undefined }), i18n.t)).toEqual({});
  });
});

describe("issueText", () => {
  it("translates a rule's code with its params, amounts in rupiah", async () => {
    const belowMinimum = {
      code: "BUDGET_BELOW_MINIMUM",
      params: { minimumMicros: "20000000000" },
      message: "must be at least Rp 20.000 a day",
    };
    await i18n.changeLanguage("id");
    expect(issueText(belowMinimum, i18n.t)).toBe("Minimal Rp 20.000 per hari.");
    await i18n.changeLanguage("en");
    expect(issueText(belowMinimum, i18n.t)).toBe("At least Rp 20.000 a day.");
    expect(
      issueText(
        {
          code: "BID_BELOW_MINIMUM",
          params: { minimumMicros: "200000000", billingEvent: "cpc" },
          message: "",
        },
        i18n.t,
      ),
    ).toBe("At least Rp 200 per click.");
  });

  it("words a code it does not know as a generic sentence in the reader's language, never the API's English", async () => {
    await i18n.changeLanguage("id");
    expect(issueText({ code: "SOMETHING_NEW", params: {}, message: "is not right" }, i18n.t)).toBe(
      id.problems.INVALID,
    );
    await i18n.changeLanguage("en");
  });
});

describe("fieldErrorsFromIssues", () => {
  it("translates the simple rules of the shared schemas", async () => {
    await i18n.changeLanguage("id");
    const result = SignupBody.safeParse({ email: "not-an-email", password: "short", name: " " });
    expect(result.success).toBe(false);
    expect(fieldErrorsFromIssues(result.error?.issues ?? [], i18n.t)).toEqual({
      email: "Masukkan alamat email yang valid.",
      password: "Minimal 10 karakter.",
      name: "Wajib diisi.",
    });
  });

  it("calls an empty required field required", async () => {
    await i18n.changeLanguage("en");
    const result = LoginBody.safeParse({ email: "owner@example.com", password: "" });
    expect(fieldErrorsFromIssues(result.error?.issues ?? [], i18n.t)).toEqual({ password: "Required." });
  });
});

describe("issueMessage via fieldErrorsFromIssues", () => {
  it("points to the hint for a pattern mismatch such as an NPWP", async () => {
    await i18n.changeLanguage("id");
    const result = UpdateBusinessBody.safeParse({ taxId: "12345" });
    expect(fieldErrorsFromIssues(result.error?.issues ?? [], i18n.t)).toEqual({
      taxId: "Formatnya belum sesuai.",
    });
  });
});

describe("errorMessage", () => {
  it("explains network failures, rate limits and server errors in the user's language", async () => {
    await i18n.changeLanguage("en");
    const offline = new ApiError(problem({ status: NETWORK_ERROR_STATUS }));
    expect(errorMessage(offline, i18n.t)).toBe(en.errors.network);
    const limited = new ApiError(problem({ status: 429 }), 30);
    expect(errorMessage(limited, i18n.t)).toBe("Too many attempts. Try again in 1 min.");
    expect(errorMessage(new ApiError(problem({ status: 503 })), i18n.t)).toBe(en.errors.server);
  });

  it("says a sign-in lockout's wait in whole minutes, rounded up", async () => {
    await i18n.changeLanguage("id");
    const lockedOut = new ApiError(problem({ status: 429 }), 533);
    expect(errorMessage(lockedOut, i18n.t)).toBe("Terlalu banyak percobaan. Coba lagi dalam 9 menit.");
  });

  it("words other problems by their code in the reader's language, never with the server's English detail", async () => {
    await i18n.changeLanguage("id");
    const lastOwner = new ApiError(
      problem({ status: 409, code: "LAST_OWNER", detail: "The last owner cannot leave" }),
    );
    expect(errorMessage(lastOwner, i18n.t)).toBe(id.problems.LAST_OWNER);
    const unknown = new ApiError(
      problem({ status: 409, code: "SOMETHING_NEW", detail: "Something in English" }),
    );
    expect(errorMessage(unknown, i18n.t)).toBe(id.errors.unexpected);
    await i18n.changeLanguage("en");
  });
});

describe("retryAfterSeconds", () => {
  it("reads delay-seconds and HTTP dates", () => {
    expect(retryAfterSeconds("42")).toBe(42);
    const now = Date.parse("2026-12-01T00:00:00Z");
    expect(retryAfterSeconds("Tue, 01 Dec 2026 00:01:00 GMT", now)).toBe(60);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds("soon")).toBeNull();
  });
});

describe("errorWithIssues", () => {
  it("says what is wrong with an upload, in Indonesian, by each issue's code and params", async () => {
    await i18n.changeLanguage("id");
    const refused = new ApiError(
      problem({
        status: 422,
        code: "CREATIVE_REJECTED",
        detail: "The size 1000x700 pixels is not shaped 9:16, 1:1 or 16:9.",
        errors: [
          { path: "file", code: "CREATIVE_ASPECT_RATIO", params: { width: 1000, height: 700 }, message: "x" },
          { path: "file", code: "CREATIVE_TOO_SMALL", params: { minShortSidePx: 600 }, message: "y" },
        ],
      }),
    );
    const text = errorWithIssues(refused, i18n.t);
    expect(text).toContain("File iklan ini tidak memenuhi syarat.");
    expect(text).toContain("Ukuran 1000×700 piksel tidak berbentuk 9:16, 4:5, 1:1, atau 16:9.");
    expect(text).toContain("Sisi terpendek minimal 600 piksel.");
    expect(text).not.toContain("pixels");
    await i18n.changeLanguage("en");
  });
});
