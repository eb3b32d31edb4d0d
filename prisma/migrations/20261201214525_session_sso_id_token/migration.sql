-- AlterTable
ALTER TABLE "Session" ADD COLUMN "ssoIdToken" TEXT;

