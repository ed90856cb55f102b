import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { attachmentList, attachmentOutput } from '@vigil/shared/schemas/attachments';
import type { AttachmentVariant } from '@vigil/shared/schemas/attachments';
import {
  api,
  apiDownload,
  apiUpload,
  type DownloadProgress,
  type UploadProgress,
} from '../../../lib/api-client.ts';

// The record that holds the evidence, as its path under /api names it.
export interface AttachmentOwner {
  kind: 'incidents' | 'defenders' | 'advocacy';
  id: string;
}

// `clean` is the copy without hidden metadata (EXIF, GPS, authors); `original` the file as
// uploaded, for those allowed to see sensitive details.

export const attachmentKeys = {
  all: ['attachments'] as const,
  lists: () => [...attachmentKeys.all, 'list'] as const,
  list: (owner: AttachmentOwner) => [...attachmentKeys.lists(), owner.kind, owner.id] as const,
  content: (id: string, variant: AttachmentVariant) =>
    [...attachmentKeys.all, 'content', id, variant] as const,
};

const ownerPath = ({ kind, id }: AttachmentOwner) =>
  `/${kind}/${encodeURIComponent(id)}/attachments`;

// A record holds a handful of files: the largest page the contract allows is read at once.
export function getAttachments(owner: AttachmentOwner, signal?: AbortSignal) {
  return api.get(`${ownerPath(owner)}?limit=200`, attachmentList, signal);
}

export const attachmentsQueryOptions = (owner: AttachmentOwner) =>
  queryOptions({
    queryKey: attachmentKeys.list(owner),
    queryFn: ({ signal }) => getAttachments(owner, signal),
  });

export const useAttachments = (owner: AttachmentOwner) => useQuery(attachmentsQueryOptions(owner));

export interface UploadInput {
  file: File;
  description: string;
  sensitive: boolean;
  signal: AbortSignal;
  onProgress: (progress: UploadProgress) => void;
}

export function uploadAttachment(
  owner: AttachmentOwner,
  { file, description, sensitive, signal, onProgress }: UploadInput,
) {
  const form = new FormData();
  // the fields first: the server reads the stream in order and stores the file as it arrives
  if (description.trim()) form.append('description', description.trim());
  form.append('sensitive', String(sensitive));
  form.append('file', file, file.name);
  return apiUpload(ownerPath(owner), form, { schema: attachmentOutput, signal, onProgress });
}

const refreshList = (queryClient: QueryClient, owner: AttachmentOwner) =>
  queryClient.invalidateQueries({ queryKey: attachmentKeys.list(owner) });

export function useUploadAttachment(owner: AttachmentOwner) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadInput) => uploadAttachment(owner, input),
    onSuccess: () => refreshList(queryClient, owner),
  });
}

// Soft delete: the file leaves the list and stays recoverable by an administrator.
export function deleteAttachment(id: string) {
  return api.delete(`/attachments/${encodeURIComponent(id)}`);
}

export function useDeleteAttachment(owner: AttachmentOwner) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAttachment,
    onSuccess: () => refreshList(queryClient, owner),
  });
}

export function getAttachmentContent(
  id: string,
  variant: AttachmentVariant,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void },
) {
  const query = variant === 'clean' ? '?variant=clean' : '';
  return apiDownload(`/attachments/${encodeURIComponent(id)}/content${query}`, {
    signal,
    onProgress,
  });
}

// The file's bytes for a thumbnail or the viewer, kept only while a component shows them: every
// fetch is a download the server records, so it is not refetched behind the user's back.
export const attachmentContentQueryOptions = (id: string, variant: AttachmentVariant) =>
  queryOptions({
    queryKey: attachmentKeys.content(id, variant),
    queryFn: async ({ signal }) => (await getAttachmentContent(id, variant, { signal })).blob,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });

export const useAttachmentContent = (id: string, variant: AttachmentVariant, enabled = true) =>
  useQuery({ ...attachmentContentQueryOptions(id, variant), enabled });
