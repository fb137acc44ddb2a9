# yq-seg's compiled dictionary: jieba's words, cppjieba's HMM tables and
# jieba's IDF list in one file that loads by mmap.
DATA += dict/seg.bin

dict/seg.bin: dict/jieba.dict.txt dict/hmm_model.utf8 dict/jieba.idf.txt $(BUILD)/bin/yq-seg
	$(BUILD)/bin/yq-seg compile --words dict/jieba.dict.txt \
		--hmm dict/hmm_model.utf8 --idf dict/jieba.idf.txt -o $@
INSTALL_DATA += dict/stopwords.txt
