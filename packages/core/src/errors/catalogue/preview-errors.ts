import { def } from "./define.js";

// Built-in preview errors (issue 4).
export const PREVIEW_ERRORS = {
  DOCGATE_PREVIEW_BUSY: def(
    503,
    "The preview service is busy.",
    "预览服务繁忙。",
    "Too many documents are waiting for conversion; try again in a moment. Operators can raise the preview pool size or queue length.",
    "等待转换的文档过多，请稍后重试。管理员可以调大预览进程池或队列长度。",
    true,
  ),
  DOCGATE_CONVERSION_TIMEOUT: def(
    504,
    "Converting the document for preview took too long.",
    "文档预览转换超时。",
    "The document may be very large or complex. Download it, or ask the operator to raise the preview conversion timeout.",
    "文档可能过大或过于复杂。请下载查看，或请管理员调大预览转换超时时间。",
  ),
  DOCGATE_FILE_CORRUPT: def(
    422,
    "The file is damaged and cannot be previewed.",
    "文件已损坏，无法预览。",
    "Check that the file opens in an office application, and that its extension matches its content.",
    "请确认该文件能用办公软件打开，并且扩展名与文件内容相符。",
  ),
  DOCGATE_FILE_PASSWORD_PROTECTED: def(
    422,
    "The file is password-protected and cannot be previewed.",
    "文件受密码保护，无法预览。",
    "Remove the open password in an office application and upload the file again, or download it.",
    "请在办公软件中取消打开密码后重新上传，或直接下载查看。",
  ),
  DOCGATE_FORMAT_UNSUPPORTED: def(
    415,
    "This file format cannot be previewed.",
    "不支持预览该文件格式。",
    "Preview supports office files (docx, xlsx, pptx, odt, doc, xls, ppt and similar), pdf, images (png, jpg, gif, bmp, webp, svg) and text (txt, md, csv, json, code).",
    "预览支持办公文档（docx、xlsx、pptx、odt、doc、xls、ppt 等）、pdf、图片（png、jpg、gif、bmp、webp、svg）和文本（txt、md、csv、json、代码）。",
  ),
  DOCGATE_CONVERSION_FAILED: def(
    500,
    "The document could not be converted for preview.",
    "文档预览转换失败。",
    "Try again; if it keeps failing, quote the request id to the operator; details are in docgate's log.",
    "请重试；若仍然失败，请将请求 ID 提供给管理员，详细信息记录在 docgate 日志中。",
    true,
  ),
};
