import { type LoginBody, Me, Session, type SignupBody, type UpdateMeBody, User } from "@sorot/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { setLocale } from "../i18n";
import {
  ApiError,
  apiRequest,
  endSession,
  mayHaveSession,
  onSessionEnded,
  refreshSession,
  startSession,
} from "./api";

/** Why nobody is signed in: the sign-in page words its notice after it. */
export type SignedOutReason = "anonymous" | "expired" | "signed-out";

export type AuthState =
  | { status: "loading" }
  | { status: "signed-out"; reason: SignedOutReason }
  | { status: "signed-in"; me: Me };

interface AuthContextValue {
  state: AuthState;
  signIn(body: LoginBody): Promise<void>;
  signUp(body: SignupBody): Promise<void>;
  signOut(): Promise<void>;
  /** Reloads the user and their businesses, after anything that changed them. */
  reloadMe(): Promise<void>;
  updateMe(body: UpdateMeBody): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  const queryClient = useQueryClient();
  // Whoever signs in next in this tab must not see the last user's cached views.
  const signedOut = useCallback(
    (reason: SignedOutReason) => {
      queryClient.clear();
      setState({ status: "signed-out", reason });
    },
    [queryClient],
  );

  const loadMe = useCallback(async () => {
    const me = await apiRequest("GET", "/v1/me", { schema: Me });
    await setLocale(me.user.locale);
    setState({ status: "signed-in", me });
  }, []);

  useEffect(() => {
    let cancelled = false;
    if (!mayHaveSession()) {
      setState({ status: "signed-out", reason: "anonymous" });
      return onSessionEnded(() => signedOut("expired"));
    }
    refreshSession()
      .then((session) => {
        if (cancelled) return;
        if (session) return loadMe();
        setState({ status: "signed-out", reason: "anonymous" });
      })
      .catch(() => {
        // The API is unreachable: show the sign-in page, which reports the outage when used.
        if (!cancelled) setState({ status: "signed-out", reason: "anonymous" });
      });
    const stopListening = onSessionEnded(() => signedOut("expired"));
    return () => {
      cancelled = true;
      stopListening();
    };
  }, [loadMe, signedOut]);

  const startWith = useCallback(
    async (session: Session) => {
      startSession(session);
      await loadMe();
    },
    [loadMe],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      signIn: async (body) =>
        startWith(await apiRequest("POST", "/v1/auth/login", { body, schema: Session })),
      signUp: async (body) =>
        startWith(await apiRequest("POST", "/v1/auth/signup", { body, schema: Session })),
      signOut: async () => {
        try {
          await apiRequest("POST", "/v1/auth/logout");
        } catch (error) {
          // Already signed out on the server is fine; anything else and the cookie may live on.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        }
        endSession();
        signedOut("signed-out");
      },
      reloadMe: loadMe,
      updateMe: async (body) => {
        const user = await apiRequest("PATCH", "/v1/me", { body, schema: User });
        await setLocale(user.locale);
        setState((current) =>
          current.status === "signed-in" ? { ...current, me: { ...current.me, user } } : current,
        );
      },
    }),
    [state, loadMe, startWith, signedOut],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) throw new Error("useAuth is used outside <AuthProvider>");
  return context;
}

/** The signed-in user and their businesses; only for pages behind <RequireAuth>. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== "signed-in") throw new Error("useMe is used on a page that does not require sign-in");
  return state.me;
}
