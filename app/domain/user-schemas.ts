/** Form schemas for accounts, shared by the server and the browser (conform). */
import { z } from "zod";
import { ROLES } from "./permissions";

export const EmailSchema = z
  .string({ required_error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .max(254, "An email address has at most 254 characters")
  .email("Enter a valid email address, like name@fht.org");

export const NewPasswordSchema = z
  .string({ required_error: "Enter a password" })
  .min(12, "Use at least 12 characters")
  .max(200, "Use at most 200 characters");

export const NameSchema = z
  .string({ required_error: "Enter the person's name" })
  .trim()
  .min(1, "Enter the person's name")
  .max(120, "A name has at most 120 characters");

export const RoleSchema = z.enum(ROLES, { errorMap: () => ({ message: "Choose a role" }) });

export const LoginSchema = z.object({
  email: z.string({ required_error: "Enter your email address" }).trim().max(254),
  password: z.string({ required_error: "Enter your password" }).max(200),
  redirectTo: z.string().optional(),
});

export const CreateUserSchema = z.object({
  intent: z.literal("create"),
  email: EmailSchema,
  name: NameSchema,
  role: RoleSchema,
  password: NewPasswordSchema,
});

export const UpdateUserSchema = z.object({
  intent: z.literal("update"),
  userId: z.string().min(1),
  version: z.coerce.number().int(),
  name: NameSchema,
  role: RoleSchema,
  active: z.enum(["on"]).optional().transform((v) => v === "on"),
});

export const ResetPasswordSchema = z.object({
  intent: z.literal("reset-password"),
  userId: z.string().min(1),
  password: NewPasswordSchema,
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "Enter your current password" }).max(200),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string({ required_error: "Repeat the new password" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one",
  });
