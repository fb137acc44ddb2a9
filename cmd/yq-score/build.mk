# yq-score's default sentiment model, trained by make on the labelled
# sets in ../shared/data/sentiment (see dict/SOURCES.md).  Without them
# (a tarball without shared data) the model cannot be built, and yq-score
# says so at run time.
SENTIMENT_DATA := $(wildcard ../shared/data/sentiment/*.train.ndjson)
ifneq ($(SENTIMENT_DATA),)
DATA += dict/sentiment.model
endif

# The model is data, the same bytes whichever build trains it: it is
# trained again when the sets or the training code change, not when a
# sanitizer build relinks the binary (training under ASan+UBSan takes
# minutes where the plain build takes a second).
dict/sentiment.model: $(SENTIMENT_DATA) cmd/yq-score/sentiment.c | $(BUILD)/bin/yq-score
	$(BUILD)/bin/yq-score train -o $@ $(SENTIMENT_DATA)

# Read at run time.
INSTALL_DATA += dict/sentiment.lex dict/categories.conf dict/gazetteer.csv dict/bodies.txt \
	dict/places-former.tsv dict/products.txt
